"""The Qt binding itself keeps Python's reference counts.

PySide6-Essentials 6.12.0 dropped one reference to None on every call that returns
nothing (setText, setPosition, ...). On Python 3.11, where None is not immortal, a
few thousand such calls abort the process ("none_dealloc"), so typing in the app
could crash it. This test fails on such a release, whatever its number.
"""

import sys

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel


def test_calls_that_return_nothing_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    document = QTextDocument("hello")
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        cursor.setPosition(1)
    lost = before - sys.getrefcount(None)
    # A few references may come and go with the interpreter's own work; a broken
    # binding loses one per call (1,000 here).
    assert lost < 50, f"the Qt binding lost {lost} references to None in 1,000 calls"
