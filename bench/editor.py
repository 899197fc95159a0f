#!/usr/bin/env python3
"""An editor driving the admin forms the way a browser does, for bench/load.sh and bench/security-scan.sh.

    editor.py cookie --base URL --name NAME --out FILE     log in, write the session as a wapiti cookie file
    editor.py loop   --base URL --name NAME --article ID --db FILE --duration S --run ID --out FILE

The password comes as one line on stdin. Every request goes to --base, which must be http://127.0.0.1:<port>.
`loop` logs in once through the login form (antiforgery token from the page, cookies kept), then once a second
alternately publishes an edit of article ID (a numbered marker in its body) and publishes a new article; afterwards
it checks that nothing was lost: every acknowledged edit is a revision in the SQLite file, every new article answers
at its address, and the public page shows the last edit. It writes a JSON summary to --out and exits 1 on any loss.
"""

import argparse
import html
import http.cookiejar
import json
import re
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class NoRedirect(urllib.request.HTTPRedirectHandler):
    # A submit is acknowledged by the form's own redirect; following it would hide which status the POST got.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class FormFields(HTMLParser):
    """The named inputs and textareas of a page (last one wins), which is all the admin forms hold."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = {}
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("file", "submit"):
            self.fields[a["name"]] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


class Session:
    def __init__(self, base, timeout=30):
        if not re.match(r"^http://127\.0\.0\.1:\d+$", base):
            sys.exit(f"Nur http://127.0.0.1:<port> ist erlaubt, nicht {base}")
        self.base = base
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(req, timeout=self.timeout) as r:
                return r.status, r.headers, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8", "replace")

    def form(self, path):
        status, _, page = self.request(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        parser = FormFields()
        parser.feed(page)
        return parser.fields

    def login(self, name, password):
        fields = self.form("/admin/anmelden")
        fields.update(name=name, password=password)
        status, headers, _ = self.request("/admin/anmelden", fields)
        if status != 302 or "/admin/anmelden" in (headers.get("Location") or ""):
            raise RuntimeError(f"Anmeldung als {name} gescheitert: HTTP {status}")


def read_password():
    password = sys.stdin.readline().rstrip("\n")
    if not password:
        sys.exit("Das Passwort fehlt auf der Standardeingabe.")
    return password


def cookie(args):
    session = Session(args.base)
    session.login(args.name, read_password())
    # wapiti's JSON cookie format: domain -> path -> name -> attributes.
    jar = {}
    for c in session.jar:
        jar.setdefault(c.domain, {}).setdefault(c.path, {})[c.name] = {
            "value": c.value, "version": c.version, "expires": c.expires, "secure": c.secure, "port": None}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(jar, f, indent=2)
    # The same session as a request header, for curl -H @file: was it still valid after the scan?
    with open(args.out + ".header", "w", encoding="utf-8") as f:
        f.write("Cookie: " + "; ".join(f"{c.name}={c.value}" for c in session.jar) + "\n")
    print(f"Angemeldet als {args.name}; {sum(1 for _ in session.jar)} Cookies in {args.out}")


def submit(session, path, fields, markdown):
    """Posts the editor form with handler=Publish: the fields as the page gave them (so the source decides)."""
    fields = dict(fields)
    fields["Markdown"] = markdown
    for key in [k for k in fields if k.startswith("Fields.")]:
        fields[key] = fields.get("Original." + key[len("Fields."):], "")
    status, headers, _ = session.request(path + "?handler=Publish", fields)
    location = headers.get("Location") or ""
    match = re.fullmatch(r"/admin/artikel/(\d+)", location)
    return status, match and int(match.group(1))


def marker(run, n):
    return f"lt-{run}-{n:05d}"


def loop(args):
    password = read_password()
    session = Session(args.base)
    session.login(args.name, password)
    results = {"edits": [], "created": [], "failures": []}
    article_path = f"/admin/artikel/{args.article}"
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < args.duration:
        tick = start + n
        if time.monotonic() < tick:
            time.sleep(tick - time.monotonic())
        n += 1
        try:
            if n % 2 == 1:
                fields = session.form(article_path)
                source = fields["Markdown"].replace("\r\n", "\n")
                # The body keeps its text; a last paragraph holds this edit's marker, replaced on every edit.
                source = re.sub(r"\n\nBearbeitung Nr\. \d+ im Lasttest \(Marke [^)]*\)\.\n*\Z", "\n", source).rstrip("\n")
                source += f"\n\nBearbeitung Nr. {n} im Lasttest (Marke {marker(args.run, n)}).\n"
                status, target = submit(session, article_path, fields, source)
                ok = status == 302 and target == args.article
                results["edits"].append({"n": n, "status": status, "ok": ok})
            else:
                fields = session.form("/admin/artikel/neu")
                slug = f"lasttest-{args.run}-{n:05d}"
                title = f"Lasttest {args.run}: Meldung Nr. {n}"
                source = (f'---\ntitle: "{title}"\nslug: {slug}\ntags: [Lasttest]\n---\n\n'
                          f"Eine Meldung aus dem Lasttest (Marke {marker(args.run, n)}).\n")
                status, target = submit(session, "/admin/artikel/neu", fields, source)
                ok = status == 302 and target is not None
                results["created"].append({"n": n, "status": status, "ok": ok, "id": target, "slug": slug, "title": title})
            if not ok:
                results["failures"].append(f"Nr. {n}: HTTP {status}")
        except (OSError, RuntimeError, KeyError) as e:
            results["failures"].append(f"Nr. {n}: {type(e).__name__}: {e}")
    results["elapsed"] = round(time.monotonic() - start, 1)
    verify(args, session, results)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
    return 0 if not results["failures"] and not results["lost"] else 1


def verify(args, session, results):
    lost = []
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    revisions = db.execute("SELECT markdown FROM revisions WHERE article_id = ?", (args.article,)).fetchall()
    acknowledged = [e for e in results["edits"] if e["ok"]]
    for e in acknowledged:
        found = sum(1 for (text,) in revisions if marker(args.run, e["n"]) in text)
        if found != 1:
            lost.append(f"Bearbeitung Nr. {e['n']}: {found} Versionen mit ihrer Marke statt 1")
    results["revisions_with_marker"] = sum(1 for (text,) in revisions if f"lt-{args.run}-" in text)
    slug = db.execute("SELECT slug FROM articles WHERE id = ?", (args.article,)).fetchone()[0]
    results["article_url"] = f"/artikel/{slug}"

    for c in (c for c in results["created"] if c["ok"]):
        row = db.execute("SELECT a.slug, count(r.id) FROM articles a JOIN revisions r ON r.article_id = a.id "
                         "WHERE a.id = ? GROUP BY a.id", (c["id"],)).fetchone()
        if row is None or row[0] != c["slug"] or row[1] < 1:
            lost.append(f"Neuer Artikel Nr. {c['n']}: nicht in der Datenbank ({row})")
            continue
        status, _, page = session.request(f"/artikel/{c['slug']}")
        if status != 200 or marker(args.run, c["n"]) not in page:
            lost.append(f"Neuer Artikel Nr. {c['n']}: /artikel/{c['slug']} antwortet {status} ohne seinen Text")
    db.close()

    # Read through a fresh client, as a reader would: the output cache must have let go of the old page.
    reader = Session(args.base)
    if acknowledged:
        last = acknowledged[-1]["n"]
        status, _, page = reader.request(results["article_url"])
        results["last_edit_visible"] = status == 200 and marker(args.run, last) in page
        if not results["last_edit_visible"]:
            lost.append(f"{results['article_url']} zeigt die letzte Bearbeitung Nr. {last} nicht (HTTP {status})")
    created = [c for c in results["created"] if c["ok"]]
    if created:
        newest = html.escape(created[-1]["title"], quote=False)
        for path in ("/", "/rss.xml"):
            status, _, page = reader.request(path)
            if status != 200 or newest not in page:
                lost.append(f"{path} nennt den zuletzt veröffentlichten Artikel Nr. {created[-1]['n']} nicht (HTTP {status})")
    results["lost"] = lost


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("cookie")
    c.add_argument("--base", required=True)
    c.add_argument("--name", required=True)
    c.add_argument("--out", required=True)
    lp = sub.add_parser("loop")
    lp.add_argument("--base", required=True)
    lp.add_argument("--name", required=True)
    lp.add_argument("--article", type=int, required=True)
    lp.add_argument("--db", required=True)
    lp.add_argument("--duration", type=float, required=True)
    lp.add_argument("--run", required=True)
    lp.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.command == "cookie":
        cookie(args)
        return 0
    return loop(args)


if __name__ == "__main__":
    sys.exit(main())
