"""Every REST endpoint and its error paths, through FastAPI's TestClient on a real store."""

from __future__ import annotations

import json

import pytest
from tests.integration.web.conftest import TOKEN

PROBLEM = "application/problem+json"


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:newsweave:error:{code}"
    assert body["title"]
    assert body["detail"]
    return body


def _all_stories(client, **params) -> list[dict]:
    found, cursor = [], None
    while True:
        query = dict(params, limit=2) | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/stories", params=query).json()
        found.extend(page["stories"])
        if not (cursor := page["next_cursor"]):
            return found


def test_health(client, desk_engine):
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["articles"] == desk_engine.storage.count_articles() > 0


def test_story_list_pages_newest_first_through_every_story(client, desk_engine):
    stories = _all_stories(client)
    assert sorted(s["id"] for s in stories) == sorted(s.id for s in desk_engine.stories())
    lasts = [s["last"] for s in stories if s["last"]]
    assert lasts == sorted(lasts, reverse=True)
    crane = next(s for s in stories if "crane" in s["headline"].lower())
    assert crane["articles"] == len(crane["article_ids"]) >= 2
    assert "Harbourline Courier" in crane["sources"]


def test_story_list_filters(client):
    crane = _all_stories(client, q="gantry crane")
    assert crane
    assert all("rane" in s["headline"] for s in crane)
    assert {s["id"] for s in _all_stories(client, source="Meridian Wire")} == {
        s["id"] for s in _all_stories(client, q="Kessring")
    }
    since = _all_stories(client, since="2026-01-01T00:00:00Z")
    assert since
    assert all(s["last"] >= "2026-01-01" for s in since)
    until = _all_stories(client, until="2025-04-01T00:00:00Z")
    assert until
    assert all(s["first"] <= "2025-04-01" for s in until)
    assert _all_stories(client, q="zzzqqq-nothing") == []


def test_story_list_by_entity(client):
    [halvern] = client.get("/api/entities", params={"q": "Halvern Motors"}).json()["entities"]
    stories = _all_stories(client, entity=halvern["id"])
    assert [s["headline"] for s in stories] == [
        "Halvern picks Elsworth Vale for battery factory, 1,400 jobs promised"
    ]
    assert _all_stories(client, entity="halvern motors") == stories  # by name, any case
    assert _all_stories(client, entity="No Such Entity") == []


def test_story_view(client):
    [crane] = _all_stories(client, q="Eastmere")
    body = client.get(f"/api/stories/{crane['id']}").json()
    assert body["id"] == crane["id"]
    assert [a["id"] for a in body["articles"]] == crane["article_ids"]
    assert all(a["title"] for a in body["articles"])
    assert body["sources"] == crane["sources"]
    assert body["entities"]
    assert body["entities"][0]["mentions"] >= body["entities"][-1]["mentions"]
    assert body["analysis"] in {"ready", "pending"}
    facts = client.get(f"/api/stories/{crane['id']}/facts").json()
    assert facts["story"] == crane["id"]
    assert {f["status"] for f in facts["facts"]} <= {"corroborated", "single_source", "conflicting"}
    assert any(f["status"] == "corroborated" for f in facts["facts"])
    summary = client.get(f"/api/stories/{crane['id']}/summary").json()
    assert summary["headline"]
    assert 1 <= len(summary["sentences"]) <= 6
    for sentence in summary["sentences"]:
        assert set(sentence["citations"]) <= set(crane["article_ids"])
    assert all(e["precision"] in {"day", "month", "year"} for e in summary["timeline"])
    ready = client.get(f"/api/stories/{crane['id']}").json()  # both now stored: the view has them
    assert ready["analysis"] == "ready"
    assert ready["facts"] == facts
    assert ready["summary"] == summary
    assert client.get(f"/api/stories/{crane['id']}/summary?sentences=0").status_code == 422
    assert client.get("/api/stories/st_nope/summary").status_code == 404
    group_members = {c["id"] for g in body["copy_groups"] for c in g["copies"]}
    assert group_members <= set(crane["article_ids"])


def test_story_explanation(client):
    [crane] = _all_stories(client, q="Eastmere")
    body = client.get(f"/api/stories/{crane['id']}/explanation").json()
    assert body["story_id"] == crane["id"]
    assert sorted(m["article_id"] for m in body["members"]) == sorted(crane["article_ids"])
    assert all(0.0 <= m["probability"] <= 1.0 for m in body["members"])
    assert any(m["shared_names"] for m in body["members"])
    _problem(client.get("/api/stories/nope/explanation"), 404, "NW500")


def test_article_view_has_boilerplate_story_and_copies(client):
    stories = _all_stories(client, q="Kessring")
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    [group] = story["copy_groups"]
    body = client.get(f"/api/articles/{group['copies'][0]['id']}").json()
    assert body["story_id"] == story["id"]
    assert body["copy_group"]["original"] == group["original"]
    assert body["text"]
    assert isinstance(body["removed"], list)
    html_articles = [a for a in story["articles"] if a["url"]]
    assert html_articles


def test_entities_page_and_entity(client):
    first = client.get("/api/entities", params={"limit": 3}).json()
    assert len(first["entities"]) == 3
    second = client.get("/api/entities", params={"limit": 3, "cursor": first["next_cursor"]})
    names = [e["name"] for e in first["entities"] + second.json()["entities"]]
    assert names == sorted(names)
    one = first["entities"][0]
    body = client.get(f"/api/entities/{one['id']}").json()
    assert body["name"] == one["name"]
    assert body["mentions"] == one["mentions"]
    assert body["stories"]["stories"]


def test_search_ranks_and_marks(client):
    body = client.get("/api/search", params={"q": "crane"}).json()
    assert body["hits"]
    for hit in body["hits"]:
        for start, end in hit["marks"]:
            assert hit["snippet"][start:end].lower().startswith("crane")
    assert client.get("/api/search", params={"q": "  "}).json()["hits"] == []


@pytest.mark.parametrize(
    "path", ["/api/stories/nope", "/api/articles/nope", "/api/entities/nope", "/api/nothing"]
)
def test_unknown_ids_are_404_problems(client, path):
    _problem(client.get(path), 404, "NW500")


def test_bad_parameters_are_problems(client):
    _problem(client.get("/api/stories", params={"cursor": "%%%"}), 400, "NW001")
    _problem(client.get("/api/stories", params={"cursor": "WyJhIl0"}), 400, "NW001")
    body = _problem(client.get("/api/stories", params={"limit": 0}), 422, "NW001")
    assert body["errors"][0]["loc"] == ["query", "limit"]
    _problem(client.get("/api/stories", params={"since": "yesterday"}), 422, "NW001")
    _problem(client.get("/api/search"), 422, "NW001")
    _problem(client.delete("/api/health"), 405, "NW001")


def test_security_headers_on_every_answer(client):
    for path in ("/", "/api/health", "/api/stories/nope", "/static/desk.js"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_openapi_and_docs(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/search"} <= set(
        schema["paths"]
    )
    assert "ArticleIn" in schema["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    csp = docs.headers["content-security-policy"]
    assert "'sha256-" in csp
    assert "unsafe-inline" not in csp
    assert len(docs.headers.get_list("content-security-policy")) == 1


# --- writes ---

ARTICLE = {
    "id": "orlen-1",
    "title": "Harbour wall breached at Orlen Bay",
    "text": "The harbour wall at Orlen Bay was breached in a storm on Tuesday night, "
    "flooding the fish market. The port authority said repairs would take a month.",
    "url": "https://gazette.example/orlen-harbour",
    "source": "Orlen Gazette",
    "date": "2025-06-03T08:00:00Z",
}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_writes_need_the_token(post_client):
    _problem(post_client.post("/api/articles", json=ARTICLE), 401, "NW020")
    wrong = {"Authorization": "Bearer nope"}
    _problem(post_client.post("/api/articles", json=ARTICLE, headers=wrong), 401, "NW020")
    _problem(
        post_client.post("/api/articles", json=ARTICLE, headers={"Authorization": TOKEN}),
        401,
        "NW020",
    )


def test_post_json_then_again_is_already_stored(post_client):
    first = post_client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert first.status_code == 201, first.text
    [posted] = first.json()["articles"]
    assert posted["id"] == "orlen-1"
    assert posted["status"] == "stored"
    assert posted["story_id"]
    again = post_client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["articles"][0]["status"] == "already_stored"
    story = post_client.get(f"/api/stories/{posted['story_id']}").json()
    assert [a["id"] for a in story["articles"]] == ["orlen-1"]


def test_post_a_list_with_a_bad_record_reports_it(post_client):
    batch = [dict(ARTICLE, id="orlen-2", url=None), {"id": "empty"}]
    body = post_client.post("/api/articles", json=batch, headers=AUTH).json()
    assert [a["id"] for a in body["articles"]] == ["orlen-2"]
    [refused] = body["refused"]
    assert refused["code"] == "NW207"
    assert refused["origin"].endswith(":2")


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("text/plain", "Council delays budget\n\nThe Orlen council delayed its budget vote."),
        (
            "text/html",
            "<html><head><title>Ferry strike ends</title></head><body><article>"
            "<h1>Ferry strike ends</h1><p>" + "Ferry crews at Orlen Bay returned to work on "
            "Monday after a three-day strike over pay ended with a new agreement. "
            * 3
            + "</p></article></body></html>",
        ),
        ("application/x-ndjson", json.dumps(dict(ARTICLE, id="orlen-nd", url=None))),
    ],
)
def test_post_text_html_and_json_lines(post_client, kind, data):
    response = post_client.post(
        "/api/articles", content=data.encode(), headers=AUTH | {"content-type": kind}
    )
    assert response.status_code in (200, 201), response.text
    [posted] = response.json()["articles"]
    assert post_client.get(f"/api/articles/{posted['id']}").json()["title"]


def test_post_errors(post_client):
    headers = AUTH | {"content-type": "application/pdf"}
    _problem(post_client.post("/api/articles", content=b"%PDF", headers=headers), 415, "NW210")
    json_headers = AUTH | {"content-type": "application/json"}
    body = _problem(
        post_client.post("/api/articles", content=b"{oops", headers=json_headers), 422, "NW206"
    )
    assert body["refused"][0]["reason"] == "json"
    _problem(post_client.post("/api/articles", content=b"  ", headers=json_headers), 422, "NW203")
    big = b"x" * (64 * 1024 + 1)
    text_headers = AUTH | {"content-type": "text/plain"}
    _problem(post_client.post("/api/articles", content=big, headers=text_headers), 413, "NW209")


def test_serve_refuses_a_public_address_without_a_token(tmp_path):
    import os
    import subprocess
    import sys

    from newsweave.api.security import check_bind, is_loopback
    from newsweave.errors import ConfigError

    assert is_loopback("127.0.0.1")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    check_bind("0.0.0.0", "secret")
    with pytest.raises(ConfigError):
        check_bind("0.0.0.0", None)
    env = {k: v for k, v in os.environ.items() if k != "NEWSWEAVE_TOKEN"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsweave",
            "--db",
            str(tmp_path / "t.db"),
            "serve",
            "--host",
            "0.0.0.0",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 1
    assert "NW001" in result.stderr
    assert "NEWSWEAVE_TOKEN" in result.stderr
