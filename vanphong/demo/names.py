"""Realistic Vietnamese names for the people who sign what the office receives."""

from __future__ import annotations

import random

from vanphong.demo.catalogue import (
    GIVEN_FEMALE,
    GIVEN_MALE,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    SURNAMES,
)


class NameBook:
    """Each issuer gets one head and three deputies, named once and kept, so the same
    people sign an issuer's documents all year."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: dict[str, list[str]] = {}
        self.taken: set[str] = set()

    def person(self) -> str:
        """Anyone's name (a party member proposed for admission...), not kept."""
        female = self.rng.random() < 0.45
        return (f"{self.rng.choice(SURNAMES)} "
                f"{self.rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)} "
                f"{self.rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)}")

    def _name(self) -> str:
        while True:
            female = self.rng.random() < 0.35
            middle = MIDDLE_FEMALE if female else MIDDLE_MALE
            given = GIVEN_FEMALE if female else GIVEN_MALE
            name = (f"{self.rng.choice(SURNAMES)} {self.rng.choice(middle)} "
                    f"{self.rng.choice(given)}")
            if name not in self.taken:
                self.taken.add(name)
                return name

    def signer(self, issuer_key: str, *, head: bool) -> str:
        if issuer_key not in self.people:
            self.people[issuer_key] = [self._name() for _ in range(4)]
        people = self.people[issuer_key]
        return people[0] if head else self.rng.choice(people[1:])
