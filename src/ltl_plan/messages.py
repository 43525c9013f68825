"""Sentences for people, kept as data until an output writes them: a key of the word list
(:mod:`ltl_plan.words`) and the values it is filled with. The computation says *what*
(a note that the path starts from 2023, a problem in a cell); each output says it in its
language, in that language's number formats. The JSON renders them with
``model_dump_json(context={"lang": "vi"})``."""

from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    SerializationInfo,
    model_serializer,
    model_validator,
)

from ltl_plan.plan.common import Label
from ltl_plan.words import Lang, say

Value = str | int | float | Label


class Message(BaseModel):
    """A sentence for a person: a key of the word list (:mod:`ltl_plan.words`) and the
    values it is filled with, written in the language the output asks for. Read back
    from JSON, it is the text as written (``key`` None)."""

    model_config = ConfigDict(frozen=True)

    key: str | None = None
    values: dict[str, Value] = {}
    text: str | None = None

    def say(self, lang: Lang | str) -> str:
        if self.key is None:
            return self.text or ""
        lang = Lang(lang)
        values = {k: v.get(lang) if isinstance(v, Label) else v for k, v in self.values.items()}
        return say(lang, self.key, **values)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data

    @model_serializer(mode="plain")
    def _as_text(self, info: SerializationInfo) -> str:
        context = info.context if isinstance(info.context, dict) else {}
        return self.say(context.get("lang", Lang.EN))


def note(key: str, **values: Value) -> Message:
    return Message(key=key, values=values)


def both(key: str, **values: Value) -> Label:
    """The template ``key`` said in both languages: a part of a sentence that is itself
    a value of another (the years a level exists in, a reason)."""
    message = Message(key=key, values=values)
    return Label(vi=message.say(Lang.VI), en=message.say(Lang.EN))


# A value that says nothing: a part of a sentence left out (a reason there is none of).
NOTHING = Label.model_construct(vi="", en="")


def in_sentence(label: Label) -> Label:
    """A label inside a sentence: its first letter small ("Lượt người đến học tập" ->
    "lượt người đến học tập")."""
    return Label(vi=label.vi[:1].lower() + label.vi[1:], en=label.en[:1].lower() + label.en[1:])
