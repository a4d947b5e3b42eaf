"""Edits that act on the current node: the behaviour behind the Edit menu, and the edits
made on the diagram (its in-place editor, a node dropped on another)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from argmap.gui.controllers.prompter import Prompter
from argmap.gui.document.selection import Selection
from argmap.gui.document.wrapper import Document
from argmap.model import Acceptance, EditResult, Force, Relation, batch, ops
from argmap.model import structure_ops as so
from argmap.model.consistency import has_inference


class EditController(QObject):
    #: ask the views to open the text editor on this node (after adding it)
    edit_requested = Signal(str)

    def __init__(self, document: Document, selection: Selection, prompter: Prompter) -> None:
        super().__init__(document)
        self.document = document
        self.selection = selection
        self.prompter = prompter
        #: the node just added whose text is being typed: adding and typing are one step
        self._fresh: str | None = None

    def _done(self, result: EditResult | None, *, edit: bool = False) -> None:
        if result is not None and result.node_id in self.document.map.nodes:
            self.selection.set_current(result.node_id)
            if edit:
                self._fresh = result.node_id
                self.document.keep_open(("new", result.node_id))
                self.edit_requested.emit(result.node_id)

    # -- adding -----------------------------------------------------------------------
    def add_claim(self) -> None:
        self._done(self.document.edit("Add Claim", ops.add_claim, ""), edit=True)

    def _add_child(self, relation: Relation, label: str) -> None:
        current = self.selection.current
        if current is None:
            if self.document.map.nodes:
                self.document.error.emit("Select the node to add a reason to")
                return
            self.add_claim()
            return
        self._done(self.document.edit(label, ops.add_node, current, relation), edit=True)

    def add_support(self) -> None:
        self._add_child(Relation.SUPPORTS, "Add Support")

    def add_rebuttal(self) -> None:
        self._add_child(Relation.REBUTS, "Add Rebuttal")

    def add_undercut(self) -> None:
        """An undercut of the selected support's or argument's inference."""
        current = self.selection.current
        if current is None:
            self.document.error.emit("Select the support or argument whose inference to undercut")
            return
        node = self.document.map.nodes[current]
        if not has_inference(node):  # the model's refusal names ids; this names the kind
            kind = node.kind.value
            article = "an" if kind[0] in "aeiou" else "a"
            self.document.error.emit(
                f"An undercut attacks a support or an argument; this is {article} {kind}"
            )
            return
        self._done(self.document.edit("Add Undercut", so.add_undercut, current), edit=True)

    def add_sibling(self) -> None:
        current = self.selection.current
        if current is None:
            self.add_claim()
            return
        node = self.document.map.nodes[current]
        if node.parent is None or node.relation is None:
            self._done(self.document.edit("Add Claim", ops.add_claim, ""), edit=True)
            return
        index = self.document.map.tree.index_of(current) + 1
        result = self.document.edit(
            "Add Sibling", ops.add_node, node.parent, node.relation, index=index
        )
        self._done(result, edit=True)

    def add_co_premise(self) -> None:
        current = self.selection.current
        if current is None:
            self.document.error.emit("Select the premise to add a co-premise to")
            return
        self._done(self.document.edit("Add Co-premise", ops.add_co_premise, current), edit=True)

    # -- changing ---------------------------------------------------------------------
    def edit_text(self) -> None:
        if self.selection.current is not None:
            self.edit_requested.emit(self.selection.current)

    def _several(self) -> list[str]:
        """The nodes of a multi-selection, in the outline's order; [] when one is selected."""
        return list(self.selection.selected) if self.selection.several else []

    def delete(self) -> None:
        current = self.selection.current
        if current is None:
            return
        if self.selection.several:
            self._delete_several(self._several())
            return
        m = self.document.map
        count = len(m.tree.subtree(current))
        if count > 1 and not self.prompter.confirm_delete(m.nodes[current].text, count):
            return
        node = m.nodes[current]
        siblings = m.tree.siblings(current)
        row = siblings.index(current)
        after = siblings[row + 1] if row + 1 < len(siblings) else None
        before = siblings[row - 1] if row > 0 else None
        label = "Delete" if count == 1 else f"Delete {count} Nodes"
        if self.document.edit(label, ops.delete_subtree, current) is not None:
            self.selection.set_current(after or before or node.parent)

    def select_all(self) -> None:
        self.selection.set_selection(self.document.map.nodes, self.selection.current)

    def _delete_several(self, ids: list[str]) -> None:
        m = self.document.map
        roots = batch.outermost(m, ids)
        count = sum(len(m.tree.subtree(i)) for i in roots)
        if count > 1 and not self.prompter.confirm_delete(  # several go: asked, as a subtree is
            f"{len(roots)} selected nodes", count - len(roots) + 1
        ):
            return
        first = m.nodes[roots[0]]
        parent = first.parent
        if self.document.edit(f"Delete {count} Nodes", batch.delete_many, roots) is not None:
            self.selection.set_current(parent)

    def move_up(self) -> None:
        self._shift(-1)

    def move_down(self) -> None:
        self._shift(+1)

    def _shift(self, step: int) -> None:
        current = self.selection.current
        if current is None:
            return
        index = self.document.map.tree.index_of(current) + step
        if 0 <= index < len(self.document.map.tree.siblings(current)):
            self._done(self.document.edit("Move", ops.reorder, current, index))

    def indent(self) -> None:
        """Make the node a reason of the sibling above it."""
        current = self.selection.current
        if current is None:
            return
        m = self.document.map
        row = m.tree.index_of(current)
        if row == 0:
            self.document.error.emit("Nothing above to indent under")
            return
        new_parent = m.tree.siblings(current)[row - 1]
        relation = m.nodes[current].relation or Relation.SUPPORTS
        result = self.document.edit("Indent", ops.move_node, current, new_parent, relation)
        self._done(result)

    def outdent(self) -> None:
        """Make the node a sibling of its parent, just after it."""
        current = self.selection.current
        if current is None:
            return
        m = self.document.map
        parent = m.nodes[current].parent
        if parent is None:
            self.document.error.emit("A top-level claim cannot move further out")
            return
        grandparent = m.nodes[parent].parent
        relation = None if grandparent is None else m.nodes[current].relation
        index = m.tree.index_of(parent) + 1
        result = self.document.edit("Outdent", ops.move_node, current, grandparent, relation, index)
        self._done(result)

    def toggle_relation(self) -> None:
        current = self.selection.current
        if current is None:
            return
        node = self.document.map.nodes[current]
        if node.relation is None:
            self.document.error.emit("A top-level claim has no relation to toggle")
            return
        if node.relation is Relation.UNDERCUTS:  # no support or rebuttal: nothing to turn
            self.document.error.emit(
                "An undercut is neither a support nor a rebuttal; change its kind in the inspector"
            )
            return
        other = Relation.REBUTS if node.relation is Relation.SUPPORTS else Relation.SUPPORTS
        self._done(self.document.edit("Toggle Relation", ops.set_relation, current, other))

    def make_claim(self) -> None:
        current = self.selection.current
        if current is not None and self.document.map.nodes[current].parent is not None:
            self._done(self.document.edit("Make Claim", ops.move_node, current, None))

    def move_to_section(self, section: str | None) -> None:
        """Put the selected node into a section (None: out of its section), one step."""
        current = self.selection.current
        if current is None:
            self.document.error.emit("Select the node to put into a section")
            return
        label = "Move to Section" if section else "Take out of Section"
        self.document.edit(label, so.set_section, self._several() or [current], section)

    def assess(self, acceptance: Acceptance | None) -> None:
        current = self.selection.current
        if self.selection.several:
            ids = self._several()
            label = f"Assess {len(ids)} Nodes"
            self.document.edit(label, batch.each, ids, ops.edit_node, acceptance=acceptance)
        elif current is not None:
            self.document.edit("Assess", ops.edit_node, current, acceptance=acceptance)

    def weigh(self, force: Force | None) -> None:
        current = self.selection.current
        if current is None:
            return
        ids = self._several() or [current]
        if any(self.document.map.nodes[i].parent is None for i in ids):
            self.document.error.emit("A top-level claim is not a reason: it has no force")
            return
        if len(ids) == 1:
            self.document.edit("Weigh Reason", ops.edit_node, current, force=force)
        else:
            self.document.edit(
                f"Weigh {len(ids)} Reasons", batch.each, ids, ops.edit_node, force=force
            )

    def tag(self, remove: bool = False) -> None:
        """Give the selected nodes a tag, or take one off them, one undo step."""
        ids = self._several() or ([self.selection.current] if self.selection.current else [])
        if not ids:
            self.document.error.emit("Select the nodes to tag")
            return
        nodes = self.document.map.nodes
        if remove:
            tags = sorted({t for i in ids for t in nodes[i].tags}, key=str.casefold)
            if not tags:
                self.document.error.emit("The selected nodes have no tags")
                return
        else:
            tags = sorted({t for n in nodes.values() for t in n.tags}, key=str.casefold)
        answer = self.prompter.ask_tag(tags, len(ids), remove)
        if answer is None:
            return
        if remove:
            self.document.edit("Remove Tag", batch.retag, ids, remove=answer)
        else:
            self.document.edit("Add Tag", batch.retag, ids, add=answer)

    # -- on the diagram ---------------------------------------------------------------------
    def _just_added(self, node_id: str) -> bool:
        fresh, self._fresh = self._fresh, None
        return fresh == node_id and self.document.open_key() == ("new", node_id)

    def commit_text(self, node_id: str, text: str) -> None:
        """The text typed in the diagram's in-place editor, one undo step if it changed;
        into a node just added, part of the step that added it."""
        self.commit_fields(node_id, text=text)

    def commit_fields(self, node_id: str, **fields: str) -> None:
        """A node's title and text from an in-place editor (the diagram's or the
        outline's), one undo step if they changed; into a node just added, part of the
        step that added it."""
        node = self.document.map.nodes.get(node_id)
        if node is None:
            return
        changes = {k: v for k, v in fields.items() if getattr(node, k) != v}
        if self._just_added(node_id):
            if changes:
                self.document.edit_typing("", ("new", node_id), ops.edit_node, node_id, **changes)
            self.document.end_typing()
        elif changes:
            label = "Edit Title" if "title" in changes else "Edit Text"
            self.document.edit(label, ops.edit_node, node_id, **changes)

    def cancel_text(self, node_id: str) -> None:
        """Escape in the in-place editor: a node just added and still empty goes again."""
        node = self.document.map.nodes.get(node_id)
        added = self._just_added(node_id)
        if (
            added
            and node is not None
            and not node.text
            and not self.document.map.tree.children(node_id)
        ):
            self.document.undo_stack.undo()
        else:
            self.document.end_typing()

    def drop_on_node(self, dragged: str, target: str, rebut: bool) -> None:
        """A node dragged onto another becomes its support (or its rebuttal)."""
        relation = Relation.REBUTS if rebut else Relation.SUPPORTS
        label = "Drop as Rebuttal" if rebut else "Drop as Support"
        several = self._several()
        if dragged in several:  # the whole selection goes where one of it is dropped
            label = f"Drop {len(several)} Nodes as {'Rebuttals' if rebut else 'Supports'}"
            if self.document.edit(label, batch.move_many, several, target, relation):
                self.selection.set_selection(several, dragged)
            return
        if self.document.edit(label, ops.move_node, dragged, target, relation) is not None:
            self.selection.set_current(dragged)

    def set_relation(self, relation: Relation) -> None:
        current = self.selection.current
        if current is None:
            return
        node = self.document.map.nodes[current]
        if node.parent is None:
            self.document.error.emit("A top-level claim supports or rebuts nothing")
            return
        self._done(self.document.edit("Change Kind", ops.set_relation, current, relation))
