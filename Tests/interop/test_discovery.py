"""rpc.discover: the OpenRPC document, and a generic client that knows nothing but the document.

The client below reads the document and, for every method in it, builds calls from the params'
schemas alone (required params from their examples, each enum value in turn, the defaults
given explicitly, by name and by position where the method allows both), makes them with
tinyrpc, and validates each result against the method's result schema made strict (no member
the schema does not name). It then sends what each param's schema refuses and expects the
server to refuse it too, naming the param.
"""
import copy
import json
import os

import jsonschema
import pytest
from tinyrpc.exc import RPCError

from conftest import Stack, tinyrpc_client

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "schemas", "openrpc-1.3.json")) as f:
    OPENRPC_META_SCHEMA = json.load(f)


@pytest.fixture
def rpc(stack):
    yield from tinyrpc_client(stack)


def validate_document(doc):
    """The document against the OpenRPC structure, and every schema in it against draft 7."""
    jsonschema.Draft7Validator(OPENRPC_META_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(doc)
    names = [m["name"] for m in doc["methods"]]
    assert len(names) == len(set(names)), names
    for method in doc["methods"]:
        params = [p["name"] for p in method["params"]]
        assert len(params) == len(set(params)), method["name"]
        for p in method["params"]:
            jsonschema.Draft7Validator.check_schema(p["schema"])
        jsonschema.Draft7Validator.check_schema(method["result"]["schema"])


def strict(schema):
    """The schema with every object that names its members refusing any other: a result member
    the schema does not describe fails validation."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def sample(schema):
    """A value the schema accepts, from the schema alone."""
    for key in ("default", "examples", "enum"):
        if key in schema:
            return schema[key] if key == "default" else schema[key][0]
    kind = schema.get("type")
    if kind == "integer":
        return schema.get("minimum", 1)
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if kind == "array":
        return [sample(schema.get("items", {}))]
    if kind == "object":
        return {}
    return "x"


def calls(method):
    """(args, kwargs) pairs for `method`, built from its params' schemas."""
    params = method["params"]
    required = {p["name"]: sample(p["schema"]) for p in params if p.get("required")}
    yield [], dict(required)
    defaults = {p["name"]: p["schema"]["default"] for p in params if "default" in p["schema"]}
    if defaults:
        yield [], {**required, **defaults}
    for p in params:
        for value in p["schema"].get("enum", []):
            yield [], {**required, p["name"]: value}
    if method["paramStructure"] in ("either", "by-position") and params:
        # By position: every param up to the last required or defaulted one, null for the rest.
        values = [required.get(p["name"], p["schema"].get("default")) for p in params]
        while values and values[-1] is None:
            values.pop()
        if values:
            yield values, None


def violations(param):
    """Values the param's schema refuses, each with what it breaks."""
    schema = param["schema"]
    kind = schema.get("type")
    if "enum" in schema:
        yield "not-in-enum", "?" + str(schema["enum"][0])
    if "minimum" in schema:
        yield "below-minimum", schema["minimum"] - 1
    if "maximum" in schema:
        yield "above-maximum", schema["maximum"] + 1
    if kind in ("integer", "number", "boolean", "array"):
        yield "wrong-type", "x"
    if kind == "string":
        yield "wrong-type", 5


def discover(client):
    doc = client.call("rpc.discover", [], None)
    validate_document(doc)
    return doc


def test_the_document_is_openrpc_and_lists_every_kind_of_method(rpc):
    doc = discover(rpc)
    assert doc["openrpc"].startswith("1.3.") and doc["info"]["version"]
    methods = {m["name"]: m for m in doc["methods"]}
    # The composer's own, and those forwarded to each service (zone.* is the initiatives service's).
    for name in ("report.compose", "rpc.discover", "system.info", "statistics.industryStructure",
                 "initiatives.get", "zone.describe", "statistics.discover"):
        assert name in methods, sorted(methods)
    assert "x-unavailable" not in doc
    compose = methods["report.compose"]
    assert compose["paramStructure"] == "either"
    assert [p["name"] for p in compose["params"]][:2] == ["format", "lang"]
    fmt = compose["params"][0]["schema"]
    assert fmt["enum"] == ["markdown", "text", "json", "html", "svg"] and fmt["default"] == "markdown"
    # A forwarded method carries the broker's errors and the composer's timeoutMs.
    forwarded = methods["statistics.industryStructure"]
    assert {-32000, -32001} <= {e["code"] for e in forwarded["errors"]}
    assert "timeoutMs" in [p["name"] for p in forwarded["params"]]
    assert {-32003} <= {e["code"] for e in methods["statistics.reload"]["errors"]}


def test_every_method_answers_calls_built_from_its_schema(rpc):
    doc = discover(rpc)
    made = 0
    for method in doc["methods"]:
        validator = jsonschema.Draft7Validator(strict(method["result"]["schema"]))
        for args, kwargs in calls(method):
            try:
                result = rpc.call(method["name"], args, kwargs)
            except RPCError as error:
                pytest.fail(f"{method['name']} {args or kwargs}: {error} {getattr(error, 'data', None)}")
            errors = sorted(validator.iter_errors(result), key=str)
            assert not errors, f"{method['name']} {args or kwargs}: {errors[0].message} at {list(errors[0].path)}"
            made += 1
    print(f"calls made from the schemas: {made} for {len(doc['methods'])} methods")
    assert made >= 2 * len(doc["methods"]), made


def test_the_defaults_the_document_states_are_what_the_server_does(rpc):
    """Asking with no params and asking with the stated defaults give the same answer."""
    doc = discover(rpc)
    compared = 0
    for method in doc["methods"]:
        params = method["params"]
        defaults = {p["name"]: p["schema"]["default"] for p in params if "default" in p["schema"]}
        if not defaults or any(p.get("required") for p in params):
            continue
        implicit = rpc.call(method["name"], [], None)
        explicit = rpc.call(method["name"], [], defaults)
        if isinstance(implicit, dict):
            implicit.pop("generatedAt", None)
            explicit.pop("generatedAt", None)
        assert implicit == explicit, method["name"]
        compared += 1
    assert compared >= 4, compared


def test_what_a_param_schema_refuses_the_server_refuses(rpc):
    doc = discover(rpc)
    refused = 0
    for method in doc["methods"]:
        params = method["params"]
        required = {p["name"]: sample(p["schema"]) for p in params if p.get("required")}
        for param in params:
            for broken, value in violations(param):
                assert not jsonschema.Draft7Validator(param["schema"]).is_valid(value)
                with pytest.raises(RPCError) as info:
                    rpc.call(method["name"], [], {**required, param["name"]: value})
                error = info.value
                assert error._jsonrpc_error_code == -32602, (method["name"], param["name"], broken, error)
                assert error.data["field"] == param["name"], (method["name"], broken, error.data)
                refused += 1
        if method["paramStructure"] == "by-name":
            with pytest.raises(RPCError) as info:
                rpc.call(method["name"], [], {**required, "notAParam": 1})
            assert info.value._jsonrpc_error_code == -32602, method["name"]
            refused += 1
    print(f"refusals the schemas predicted: {refused}")
    assert refused >= 40, refused


def test_a_replica_with_more_methods_shows_them():
    """The only statistics replica is a Python worker describing a method the Swift service does
    not have: the document lists it (and not the Swift service's), and it can be called."""
    stack = Stack()
    try:
        stack.start_python_worker("--service", "statistics", "--describe", "statistics.extra", "--delay-ms", "0")
        stack.start("initiatives")
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        for rpc in tinyrpc_client(stack):
            doc = discover(rpc)
            methods = {m["name"]: m for m in doc["methods"]}
            assert "statistics.extra" in methods and "statistics.industryStructure" not in methods
            assert "initiatives.get" in methods
            result = rpc.call("statistics.extra", [], {})
            jsonschema.validate(result, strict(methods["statistics.extra"]["result"]["schema"]))
            assert result == {"worker": "python", "method": "statistics.extra"}
    finally:
        stack.close()


def test_a_service_that_is_down_is_named_and_its_methods_left_out():
    stack = Stack()
    try:
        stack.start("initiatives")
        stack.wait_for_workers({"initiatives": 1})
        for rpc in tinyrpc_client(stack):
            doc = discover(rpc)
            assert doc["x-unavailable"] == ["statistics"]
            names = [m["name"] for m in doc["methods"]]
            assert not [n for n in names if n.startswith("statistics.")], names
            assert "report.compose" in names and "initiatives.list" in names
    finally:
        stack.close()


def test_each_service_describes_itself(rpc):
    for service in ("statistics", "initiatives"):
        description = rpc.call(f"{service}.discover", [], {})
        assert description["service"] == service and description["version"]
        names = [m["name"] for m in description["methods"]]
        assert f"{service}.discover" in names and f"{service}.ping" in names
        method_schema = {**OPENRPC_META_SCHEMA["definitions"]["method"],
                         "definitions": OPENRPC_META_SCHEMA["definitions"]}
        for method in description["methods"]:
            jsonschema.validate(method, method_schema)
