"""The JSON Schema of `*.argmap.json`, generated from the model."""

from __future__ import annotations

import json

from argmap.model import ArgumentMap

SCHEMA_ID = "https://argmap.invalid/schema/argmap-2.schema.json"


def schema() -> dict[str, object]:
    result = ArgumentMap.model_json_schema(mode="validation")
    properties = result["properties"]
    assert isinstance(properties, dict)
    # in memory the nodes are a dict by id; on disk they are a list
    properties["nodes"] = {
        "title": "Nodes",
        "description": "flat list; the tree is derived from parent, relation and order",
        "type": "array",
        "items": {"$ref": "#/$defs/Node"},
    }
    # a file names its nodes (the reader refuses one without), even when there are none
    required = result.get("required", [])
    assert isinstance(required, list)
    result["required"] = [*required, "nodes"]
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["$id"] = SCHEMA_ID
    return result


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
