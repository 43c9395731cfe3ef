"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and a switch
to refuse every connection for a while (an outage)."""

import asyncio
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: list[str]
    subject: str
    message_id: str


@dataclass
class SinkHandler:
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    delay: float = 0.0  # seconds per message: a slow server keeps messages in flight

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        if self.delay:
            await asyncio.sleep(self.delay)
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(
                Received(
                    to=[r.lower() for r in envelope.rcpt_tos],
                    subject=str(parsed["Subject"]),
                    message_id=str(parsed["Message-ID"]),
                )
            )
        return "250 OK"


class SmtpSink:
    def __init__(self, *, delay: float = 0.0) -> None:
        self.handler = SinkHandler(delay=delay)
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop listening: connections are refused until ``start`` (an outage)."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.messages)

    def duplicates(self) -> dict[str, list[str]]:
        """Recipients who got more than one message, with the Message-IDs they got."""
        counts = self.per_recipient()
        return {
            address: [m.message_id for m in self.messages if address in m.to]
            for address, n in counts.items()
            if n > 1
        }

    def per_recipient(self) -> Counter:
        return Counter(address for m in self.messages for address in m.to)

    def mailers(self) -> dict:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
