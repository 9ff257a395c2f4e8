"""Scans the secrets audit's captures (outputs and database copies) for secrets.

The secrets are every client secret and test token the test sources spell out (string constants
whose name says SECRET or TOKEN), and every token the OAuth peers issued during the run (they
append them to $DG_AUDIT_ISSUED). Prints the hits and exits 1 if there are any."""

import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
captures = pathlib.Path(sys.argv[1])

secrets = set()
for source in (root / "tests").rglob("*.rs"):
    text = source.read_text(encoding="utf-8", errors="replace")
    for m in re.finditer(r'const [A-Z_]*(?:SECRET|TOKEN)[A-Z_]*: &str = "([^"]{8,})"', text):
        secrets.add(m.group(1))
# The OpenID provider peer's client secrets.
oidc = (root / "tests" / "peers" / "oidc.mjs").read_text(encoding="utf-8")
secrets.update(re.findall(r"client\('[^']+', '([^']{8,})'", oidc))
issued = captures / "issued-tokens.txt"
if issued.exists():
    secrets.update(t.strip() for t in issued.read_text().splitlines() if len(t.strip()) >= 8)

files = [p for p in captures.iterdir() if p.name.startswith("run-")]
hits = []
for path in files:
    data = path.read_bytes()
    for s in secrets:
        if s.encode() in data:
            hits.append((path.name, s[:6] + "…"))
outputs = sum(1 for p in files if p.suffix in (".out", ".err"))
databases = len(files) - outputs
print(f"secrets audit: {len(secrets)} secrets, {outputs} outputs and {databases} database files of "
      f"{len(set(p.name.split('.')[0] for p in files))} dg runs scanned, {len(hits)} hits")
for name, s in hits[:50]:
    print(f"  {s} in {name}")
if not files or not secrets:
    print("secrets audit: nothing was captured; is the wrapper in use?")
    sys.exit(1)
sys.exit(1 if hits else 0)
