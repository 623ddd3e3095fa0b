"""Send transactional emails (welcome, password reset) over SMTP with STARTTLS.

Templates are plain ``string.Template`` files with a subject on the first line.
Messages are multipart with a text and an HTML alternative.
"""
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from string import Template
from typing import Mapping, Sequence

TEMPLATE_DIR = Path(__file__).parent / "templates"


class EmailSender:
    def __init__(self, host: str, port: int, username: str, password: str, sender: str):
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.sender = sender

    def render(self, template_name: str, context: Mapping[str, str]) -> tuple:
        raw = (TEMPLATE_DIR / f"{template_name}.txt").read_text(encoding="utf-8")
        subject_line, _, body = raw.partition("\n")
        html_path = TEMPLATE_DIR / f"{template_name}.html"
        html = Template(html_path.read_text(encoding="utf-8")).safe_substitute(context) if html_path.exists() else None
        return Template(subject_line).safe_substitute(context), Template(body).safe_substitute(context), html

    def build_message(self, to: Sequence[str], subject: str, text: str, html: str = None) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = ", ".join(to)
        message["Subject"] = subject
        message.set_content(text)
        if html:
            message.add_alternative(html, subtype="html")
        return message

    def send(self, to: Sequence[str], template_name: str, context: Mapping[str, str]) -> None:
        subject, text, html = self.render(template_name, context)
        message = self.build_message(to, subject, text, html)
        tls = ssl.create_default_context()
        with smtplib.SMTP(self.host, self.port, timeout=15) as smtp:
            smtp.starttls(context=tls)
            smtp.login(self.username, self.password)
            smtp.send_message(message)

    def send_password_reset(self, email: str, reset_link: str) -> None:
        self.send([email], "password_reset", {"reset_link": reset_link, "email": email})
