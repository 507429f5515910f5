"""tinyrpc, an off-the-shelf JSON-RPC client, over its own ZeroMQ transport (a REQ socket)."""
import pytest
from tinyrpc.exc import RPCError

from conftest import tinyrpc_client


@pytest.fixture
def client(stack):
    yield from tinyrpc_client(stack, timeout_ms=10000)


def test_tinyrpc_compose(client, seed_paragraphs):
    result = client.call("report.compose", [], {"format": "markdown"})
    assert result["sections"][0] == "１．はじめに"
    assert all(p in result["content"] for p in seed_paragraphs)


def test_tinyrpc_proxy_and_forwarded_methods(client):
    proxy = client.get_proxy(prefix="statistics.")
    table = proxy.industryStructure(regions=["横浜市"], sectors=["secondary"])
    assert table["rows"][0]["change"]["ratePercent"] == -49.0
    assert client.call("system.ping", [], {}) == {"pong": True}


def test_tinyrpc_sees_errors(client):
    with pytest.raises(RPCError) as info:
        client.call("report.compose", [], {"format": "pdf"})
    assert "Invalid params" in str(info.value)
    with pytest.raises(RPCError):
        client.call("no.such", [], {})


def test_tinyrpc_calls_with_params_by_position(client):
    """tinyrpc sends `args` as a JSON array: the order of the method's schema (format, lang, width)."""
    html = client.call("report.compose", ["html", "en"], None)
    assert html["format"] == "html" and html["lang"] == "en" and html["content"].startswith("<!DOCTYPE html>")
    text = client.call("report.compose", ["text", "ja", 40], None)
    assert text["format"] == "text" and max(len(line) for line in text["content"].splitlines()) <= 40
    # Forwarded: the service decodes the positions the same way.
    assert client.call("initiatives.get", ["kawasaki-king-skyfront"], None)["id"] == "kawasaki-king-skyfront"
    with pytest.raises(RPCError) as refused:
        client.call("report.compose", ["html", "en", 80, 500, "extra"], None)
    assert refused.value._jsonrpc_error_code == -32602 and refused.value.message == "Invalid params"
    assert "at most 4 params by position" in refused.value.data["detail"], refused.value.data
