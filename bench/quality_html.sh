#!/usr/bin/env bash
# Score the HTML reader against trafilatura's xml baseline with briefeval (needs ../shared/tools and corpus).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tools="$repo/../shared/tools"
dump="$(mktemp --suffix=.py)"
trap 'rm -f "$dump"' EXIT
cat > "$dump" <<PY
import json, sys
sys.path.insert(0, "$repo")
from briefgen.errors import InputError
from briefgen.readers import read_article
docs = []
for path in sys.argv[1:]:
    try:
        a = read_article(path)
        sections = [{"heading": s.heading, "paragraphs": [p.text for p in s.paragraphs]} for s in a.sections]
        title, date = a.title, a.date.isoformat() if a.date else None
    except InputError:
        sections, title, date = [], None, None
    docs.append({"schema_version": 1, "source": path, "title": title, "date": date,
                 "sections": sections, "summary": [], "figures": []})
print(json.dumps(docs))
PY
cd "$tools"
for cmd in "python baselines/trafilatura_html.py --mode xml {files}" "python $dump {files}"; do
  echo "== $cmd"
  python briefeval.py html --cmd "$cmd" "$@" 2>&1 | grep -E "metrics\.(f1|precision|recall|heading_recall|heading_precision) "
done
