"""Page text keeps a space where markup separates two items with none of its own."""

from __future__ import annotations

from analysis.ingest.webpage import extract_html

BODY = " ".join(
    f"<p>Paragraph {i} of the report says the harbour council met on Tuesday to vote.</p>"
    for i in range(4)
)
PAGE = (
    "<html><head><title>Harbour vote</title></head><body><article>"
    f"{BODY}"
    '<p>Said Mayor <a href="/p/1">Ada Quill</a><span><img src="q.jpg">'
    '<a href="/p/1">Ada Marie Quill</a><a href="/n/2">Harbour council votes on the pier</a>'
    "</span> at the meeting, which ran late into the evening for everyone.</p>"
    "<ul><li>First item of the list here</li><li>Second item of the list</li></ul>"
    "</article></body></html>"
)


def test_links_images_and_blocks_do_not_glue_words():
    text = extract_html(PAGE)["text"]
    assert "QuillAda" not in text and "QuillHarbour" not in text
    assert "Ada Quill" in text
    assert "hereSecond" not in text
