from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """Django's makemessages, without msgmerge's fuzzy guesses.

    Our msgids are Thai sentences; msgmerge matched new ones to unrelated old
    translations ("ร้องเรียนการทุจริต (ปกปิด)" got "Your password has been changed.").
    """

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
