"""The "+" handles beside the selected node on the diagram: one adds a support, the other a
rebuttal, with the mouse alone.  They sit on the node's lower edge (its right edge, left
to right), keep
their size at every zoom, and hide while several nodes are selected, while the node's text
is edited, and when the node is off screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from argmap.model import Relation

if TYPE_CHECKING:
    from argmap.gui.diagram.view import DiagramView

SIZE = 22  # pixels: a target a finger or a tired hand can hit

#: what each handle adds, its colour (the drop marks' green and red) and its fill
_LOOKS = {
    Relation.SUPPORTS: ("Add a support (Insert)", "#2e7d32", "#2e7d32", "white"),
    Relation.REBUTS: ("Add a rebuttal (Ctrl+2)", "#c62828", "white", "#c62828"),
}


def _button(parent: QWidget, relation: Relation) -> QToolButton:
    tip, border, fill, ink = _LOOKS[relation]
    button = QToolButton(parent)
    button.setText("+")
    button.setToolTip(tip)
    button.setAccessibleName(tip.split(" (")[0])
    button.setFixedSize(SIZE, SIZE)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the diagram keeps the keyboard
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(
        f"QToolButton {{ border: 2px solid {border}; border-radius: {SIZE // 2}px;"
        f" background: {fill}; color: {ink}; font-weight: bold; font-size: 15px; }}"
        f" QToolButton:hover {{ border-width: 3px; }}"
    )
    button.hide()
    return button


class AddHandles(QObject):
    #: node id, Relation.SUPPORTS or Relation.REBUTS
    add_wanted = Signal(str, object)

    def __init__(self, view: DiagramView) -> None:
        super().__init__(view)
        self.view = view
        self.node_id: str | None = None
        self.buttons = {rel: _button(view.viewport(), rel) for rel in _LOOKS}
        for relation, button in self.buttons.items():
            button.clicked.connect(lambda _=False, r=relation: self._clicked(r))

    def _clicked(self, relation: Relation) -> None:
        if self.node_id is not None:
            self.add_wanted.emit(self.node_id, relation)

    def hide(self) -> None:
        for button in self.buttons.values():
            button.hide()

    def place(self) -> None:
        """Beside the selected node where it is on screen now, or hidden."""
        view = self.view
        node_id = view.selected
        rect = view.node_rect(node_id) if node_id and not view.also else None
        if rect is None or view.editor.isVisible():
            self.node_id = None
            self.hide()
            return
        self.node_id = node_id
        box = view.mapFromScene(rect).boundingRect()
        # astride the node's edge on the side its reasons go: on the node, not over a neighbour
        if view.direction == "LR":
            x = box.right() - SIZE // 2
            spots = [QPoint(x, box.center().y() - SIZE - 1), QPoint(x, box.center().y() + 1)]
        else:
            y = box.bottom() - SIZE // 2
            spots = [QPoint(box.center().x() - SIZE - 1, y), QPoint(box.center().x() + 1, y)]
        port = view.viewport().rect()
        for button, spot in zip(self.buttons.values(), spots, strict=True):
            button.move(spot)
            inside = port.contains(button.geometry())
            button.setVisible(inside)
            if inside:
                button.raise_()
