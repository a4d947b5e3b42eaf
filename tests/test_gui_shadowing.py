"""No name of ours hides a Qt method.

An attribute such as `ExportDialog.size = QLabel()` hides `QWidget.size()`:
code that means the Qt method (ours, Qt's own Python wrappers, a test helper)
then gets a label.  Every class in argmap.gui with a Qt base is checked:

- an instance attribute (any `self.NAME = ...` in the class's code, and every
  attribute found on the objects of a real main window) whose name is a Qt
  base class attribute is always shadowing;
- a class attribute is shadowing unless it is a plain function replacing a Qt
  method, which is how a virtual (an event handler, `sizeHint`, `mergeWith`)
  is overridden; a signal, property, constant or static/class method under a
  Qt method's name shadows it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
import types

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

import argmap.gui


def gui_modules() -> list[types.ModuleType]:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(argmap.gui.__path__, "argmap.gui.")
    ]


def qt_classes() -> list[type]:
    """Our classes (defined in argmap.gui) with a PySide6 class among their bases."""
    found: dict[str, type] = {}
    for module in gui_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and qt_bases(cls):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def qt_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__ if base.__module__.startswith("PySide6.")]


def qt_names(cls: type) -> set[str]:
    names: set[str] = set()
    for base in qt_bases(cls):
        names.update(name for name in dir(base) if not name.startswith("__"))
    return names


#: set by PySide6 on every QObject subclass: its own, not a name we chose
PYSIDE_OWN = {"staticMetaObject"}


def ours(cls: type) -> list[type]:
    """The classes in the MRO written in Python (ours), not Qt's nor object."""
    return [
        k
        for k in cls.__mro__
        if k is not object and not k.__module__.startswith(("PySide6", "shiboken6", "Shiboken"))
    ]


def instance_attributes(cls: type) -> set[str]:
    """Every NAME in `self.NAME = ...` (also in tuples, annotated and augmented) in the
    code of the class and of our classes it inherits from."""
    names: set[str] = set()
    for klass in ours(cls):
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
                targets = [node.target]
            while targets:
                target = targets.pop()
                if isinstance(target, (ast.Tuple, ast.List)):
                    targets.extend(target.elts)
                elif (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                ):
                    names.add(target.attr)
    return names


def is_qt_method(cls: type, name: str) -> bool:
    """A method of a Qt base (not a signal, enum or constant)."""
    for base in qt_bases(cls):
        if name in base.__dict__:
            value = base.__dict__[name]
            return callable(value) and not type(value).__name__.startswith(("Signal", "Enum"))
    return False


def shadowing(cls: type) -> list[str]:
    names = qt_names(cls)
    hits = [
        f"{cls.__qualname__}: instance attribute self.{name} hides Qt's {name}"
        for name in sorted(instance_attributes(cls) & names)
    ]
    for klass in ours(cls):
        for name, value in vars(klass).items():
            if name.startswith("__") or name not in names or name in PYSIDE_OWN:
                continue
            if inspect.isfunction(value) and is_qt_method(cls, name):
                continue  # overrides a Qt method: an event handler or another virtual
            hits.append(f"{klass.__qualname__}.{name} ({type(value).__name__}) hides Qt's {name}")
    return hits


def test_the_classes_are_found() -> None:
    names = {cls.__qualname__ for cls in qt_classes()}
    assert {"MainWindow", "Inspector", "SourcePane", "ExportDialog", "EditCommand"} <= names


class Hiding(QWidget):
    resized = Signal()
    close = Signal()  # a signal under a method's name

    def __init__(self) -> None:
        super().__init__()
        self.size = QLabel()  # an instance attribute under a method's name
        self.fine = 1

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)

    @staticmethod
    def find(text: str) -> None:  # a static method under a method's name
        return None


def test_the_check_sees_shadowing() -> None:
    """The check itself: each kind of shadowing is caught, an override is not."""
    hits = shadowing(Hiding)
    assert [hit.split(" hides")[0] for hit in hits] == [
        "Hiding: instance attribute self.size",
        "Hiding.close (Signal)",
        "Hiding.find (staticmethod)",
    ]


@pytest.mark.parametrize("cls", qt_classes(), ids=lambda cls: cls.__qualname__)
def test_no_attribute_hides_a_qt_method(cls: type) -> None:
    assert shadowing(cls) == []


def test_no_attribute_of_a_real_window_hides_a_qt_method(qtbot, window) -> None:
    """Attributes set at run time too: every Python attribute of every object in a window."""
    hits = []
    objects = [window, *window.findChildren(QObject)]
    assert len(objects) > 100
    for obj in objects:
        cls = type(obj)
        if not cls.__module__.startswith("argmap."):
            continue
        names = qt_names(cls)
        for name in sorted(set(vars(obj)) & names):
            if isinstance(getattr(cls, name, None), Signal):
                continue  # PySide keeps the object's bound signals here
            hits.append(f"{cls.__qualname__}.{name}")
    assert hits == []
