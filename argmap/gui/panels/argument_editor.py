"""The inspector's part for an argument: its premise–conclusion structure, its scheme and
the scheme's critical questions.  Every button is one undo step (model/structure_ops)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap, Change, ops
from argmap.model import structure_ops as so
from argmap.model.schemes import SCHEMES
from argmap.model.structure import Step, StepRole

ROLE_WORDS = {
    StepRole.PREMISE: "premise",
    StepRole.INTERMEDIATE: "intermediate conclusion",
    StepRole.CONCLUSION: "conclusion",
}


def step_label(number: int, role: StepRole) -> str:
    """The first column of a step: its number and role."""
    return f"({number}) {ROLE_WORDS[role]}"


def premise_choices(m: ArgumentMap, argument_id: str) -> list[tuple[str, str]]:
    """(shown name, node id) of each statement that could become a premise of the
    argument: not an argument, not already one of its steps; in the map's order."""
    node = m.nodes[argument_id]
    taken = {s.statement for s in node.argument.pcs} if node.argument else set()
    out = []
    for member in m.nodes.values():
        if member.argument is not None or member.id in taken or member.id == argument_id:
            continue
        line = member.text.split("\n", 1)[0].strip() or "(empty)"
        if len(line) > 70:
            line = line[:69] + "…"
        title = f"[{member.title}]: " if member.title else ""
        out.append((f"{title}{line}  ({member.id})", member.id))
    return out


class ArgumentEditor(QWidget):
    """Shows and edits the structure of the argument `show()` was given."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.argument_id: str | None = None
        self._updating = False
        self.steps = QTreeWidget()
        self.steps.setColumnCount(2)
        self.steps.setHeaderLabels(["Step", "Statement (double-click to edit)"])
        self.steps.setRootIsDecorated(False)
        header = self.steps.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.steps.setAccessibleName("Premise–conclusion structure")
        self.steps.setMinimumHeight(90)
        self.steps.setWordWrap(True)
        self.add_premise = QPushButton("Add Premise")
        self.add_conclusion = QPushButton("Add Conclusion")
        self.add_conclusion.setToolTip(
            "The main conclusion, last; when there is one, an intermediate conclusion before it"
        )
        self.add_existing = QPushButton("Existing Premise…")
        self.add_existing.setToolTip("Use a statement of the map as a premise")
        self.up = QPushButton("Move Up")
        self.down = QPushButton("Move Down")
        self.intermediate = QPushButton("Intermediate")
        self.intermediate.setCheckable(True)
        self.intermediate.setToolTip(
            "Mark the chosen step as an intermediate conclusion (or a premise again);"
            " the last step is the main conclusion"
        )
        self.remove = QPushButton("Remove Step")
        self.inference = QLineEdit()
        self.inference.setPlaceholderText("inference rule or note above the chosen conclusion")
        self.inference.setAccessibleName("Inference")
        self.scheme = QComboBox()
        self.scheme.setEditable(True)
        self.scheme.addItem("")
        self.scheme.addItems(list(SCHEMES))
        self.scheme.setAccessibleName("Argument scheme")
        self.questions = QListWidget()
        self.questions.setAccessibleName("Critical questions")
        self.questions.setWordWrap(True)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        buttons = QGridLayout()
        for index, button in enumerate(
            (
                self.add_premise,
                self.add_existing,
                self.add_conclusion,
                self.intermediate,
                self.up,
                self.down,
                self.remove,
            )
        ):
            buttons.addWidget(button, index // 4, index % 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Premise–conclusion structure"))
        layout.addWidget(self.steps)
        layout.addLayout(buttons)
        layout.addWidget(self.inference)
        layout.addWidget(QLabel("Scheme and its critical questions"))
        layout.addWidget(self.scheme)
        layout.addWidget(self.questions)

    def _connect(self) -> None:
        self.add_premise.clicked.connect(lambda: self._add(StepRole.PREMISE))
        self.add_conclusion.clicked.connect(lambda: self._add(StepRole.CONCLUSION))
        self.add_existing.clicked.connect(self._add_existing)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.remove.clicked.connect(self._remove)
        self.intermediate.clicked.connect(self._mark_intermediate)
        self.inference.editingFinished.connect(self._inference_edited)
        self.steps.currentItemChanged.connect(lambda *_: self._show_step())
        self.steps.itemChanged.connect(self._step_text_edited)
        self.scheme.activated.connect(lambda _: self._scheme_chosen())
        line = self.scheme.lineEdit()
        assert line is not None  # an editable combo has one
        line.setAccessibleName("Argument scheme")
        line.editingFinished.connect(self._scheme_chosen)
        self.questions.itemChanged.connect(self._question_ticked)
        self.document.changed.connect(self._on_changed)

    # -- showing ----------------------------------------------------------------------
    def show_argument(self, argument_id: str | None) -> None:
        """Show the structure of `argument_id` (hidden when it is no argument)."""
        self.argument_id = argument_id
        node = self.document.map.nodes.get(argument_id or "")
        argument = node.argument if node is not None else None
        self.setVisible(argument is not None)
        if argument is None:
            return
        m = self.document.map
        self._updating = True
        try:
            row = self.current_row()
            self.steps.clear()
            for number, step in enumerate(argument.pcs, 1):
                member = m.nodes.get(step.statement)
                text = member.text if member is not None else step.statement
                item = QTreeWidgetItem([step_label(number, step.role), text])
                if step.inference:
                    item.setToolTip(0, f"inference: {step.inference}")
                item.setToolTip(1, text)  # a long statement is cut in the column
                item.setData(0, Qt.ItemDataRole.UserRole, step.statement)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.steps.addTopLevelItem(item)
            self.set_row(min(row, self.steps.topLevelItemCount() - 1))
            if self.scheme.currentText() != argument.scheme:
                self.scheme.setCurrentText(argument.scheme)
            self.questions.clear()
            for question in argument.questions:
                check = QListWidgetItem(question.text)
                check.setFlags(check.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                ticked = Qt.CheckState.Checked if question.answered else Qt.CheckState.Unchecked
                check.setCheckState(ticked)
                self.questions.addItem(check)
            self.questions.setVisible(bool(argument.questions))
        finally:
            self._updating = False
        self._show_step()

    def _show_step(self) -> None:
        step = self._current_step()
        has = step is not None
        for button in (self.up, self.down, self.remove):
            button.setEnabled(has)
        conclusion = has and step is not None and step.role is not StepRole.PREMISE
        # a premise becomes an intermediate conclusion and back; the main one stays
        self.intermediate.setEnabled(step is not None and step.role is not StepRole.CONCLUSION)
        self.intermediate.setChecked(bool(step and step.role is StepRole.INTERMEDIATE))
        self.inference.setEnabled(conclusion)
        if not self.inference.hasFocus():
            self.inference.setText(step.inference if step is not None and conclusion else "")

    def current_row(self) -> int:
        item = self.steps.currentItem()
        return self.steps.indexOfTopLevelItem(item) if item is not None else -1

    def set_row(self, row: int) -> None:
        item = self.steps.topLevelItem(row) if row >= 0 else None
        if item is not None:
            self.steps.setCurrentItem(item)

    def _current_step(self) -> Step | None:
        node = self.document.map.nodes.get(self.argument_id or "")
        row = self.current_row()
        if node is None or node.argument is None or not 0 <= row < len(node.argument.pcs):
            return None
        return node.argument.pcs[row]

    def _on_changed(self, old: ArgumentMap, new: ArgumentMap, change: Change) -> None:
        if self.argument_id is not None and self.argument_id in new.nodes:
            self.show_argument(self.argument_id)

    # -- editing ----------------------------------------------------------------------
    def _add(self, role: StepRole) -> None:
        if self.argument_id is None:
            return
        node = self.document.map.nodes[self.argument_id]
        count = len(node.argument.pcs) if node.argument else 0
        conclusion = node.argument.conclusion() if node.argument else None
        index = count - 1 if conclusion is not None else None
        label = "Add Premise" if role is StepRole.PREMISE else "Add Conclusion"
        if role is StepRole.CONCLUSION and conclusion is not None:
            role, label = StepRole.INTERMEDIATE, "Add Intermediate Conclusion"
        self.document.edit(label, so.add_step, self.argument_id, role, index=index)
        self.set_row(count if index is None else index)

    def _add_existing(self) -> None:
        """Ask which statement of the map to add as a premise (before the conclusion)."""
        node = self.document.map.nodes.get(self.argument_id or "")
        if node is None or node.argument is None:
            return
        choices = premise_choices(self.document.map, node.id)
        if not choices:
            self.document.error.emit("no statement of the map is left to add as a premise")
            return
        names = [name for name, _ in choices]
        name, ok = QInputDialog.getItem(
            self, "Existing Premise", "Statement to add as a premise:", names, 0, False
        )
        if not ok or name not in names:
            return
        statement = choices[names.index(name)][1]
        pcs = node.argument.pcs
        index = len(pcs) - 1 if node.argument.conclusion() is not None else None
        self.document.edit(
            "Add Premise", so.add_step, node.id, StepRole.PREMISE, index=index, statement=statement
        )
        self.set_row(len(pcs) if index is None else index)

    def _move(self, by: int) -> None:
        step = self._current_step()
        if step is None or self.argument_id is None:
            return
        row = self.current_row()
        done = self.document.edit(
            "Move Step", so.move_step, self.argument_id, step.statement, row + by
        )
        if done is not None:
            self.set_row(max(0, row + by))

    def _remove(self) -> None:
        step = self._current_step()
        if step is not None and self.argument_id is not None:
            self.document.edit("Remove Step", so.remove_step, self.argument_id, step.statement)

    def _mark_intermediate(self, checked: bool) -> None:
        step = self._current_step()
        if step is None or self.argument_id is None:
            return
        role = StepRole.INTERMEDIATE if checked else StepRole.PREMISE
        label = "Mark Intermediate Conclusion" if checked else "Mark Premise"
        done = self.document.edit(label, so.set_step, self.argument_id, step.statement, role=role)
        if done is None:
            self.intermediate.setChecked(not checked)

    def _inference_edited(self) -> None:
        step = self._current_step()
        if step is None or self.argument_id is None or step.role is StepRole.PREMISE:
            return
        if self.inference.text() != step.inference:
            self.document.edit(
                "Edit Inference",
                so.set_step,
                self.argument_id,
                step.statement,
                inference=self.inference.text(),
            )

    def _scheme_chosen(self) -> None:
        node = self.document.map.nodes.get(self.argument_id or "")
        if self._updating or node is None or node.argument is None:
            return
        if " ".join(self.scheme.currentText().split()) != node.argument.scheme:
            self.document.edit("Set Scheme", so.set_scheme, node.id, self.scheme.currentText())

    def _step_text_edited(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 1:
            return
        statement = item.data(0, Qt.ItemDataRole.UserRole)
        node = self.document.map.nodes.get(statement)
        if node is not None and item.text(1) != node.text:
            self.document.edit("Edit Step", ops.edit_node, statement, text=item.text(1))

    def _question_ticked(self, item: QListWidgetItem) -> None:
        if self._updating or self.argument_id is None:
            return
        answered = item.checkState() == Qt.CheckState.Checked
        row = self.questions.row(item)
        self.document.edit("Answer Question", so.answer_question, self.argument_id, row, answered)
