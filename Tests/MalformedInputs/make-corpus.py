#!/usr/bin/env python3
"""Regenerates the malformed-input corpus (plans/, csv/). Run from this folder; the files are
committed, so the tests do not need Python. Every file must make stipple fail with a clear error."""
import os, random, shutil

GOOD_CLIENT = "client: {norwood: V}\n"
GOOD_DESIGN = "design: {target_density_per_cm2: 110}\n"
GOOD_SESSIONS = "sessions: [{day: 0, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}]\n"
GOOD = GOOD_CLIENT + GOOD_DESIGN + GOOD_SESSIONS

def plan_with(density="110", head="570", seed="1", norwood="V"):
    return (f"seed: {seed}\nclient: {{norwood: {norwood}, head_circumference_mm: {head}}}\n"
            f"design: {{target_density_per_cm2: {density}}}\n" + GOOD_SESSIONS)

rnd = random.Random(2005)
laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for prev, c in zip("abcdefgh", "bcdefghi"):
    laughs.append(f"{c}: &{c} [" + ",".join(["*" + prev] * 9) + "]")

plans = {
    "empty.yaml": b"",
    "whitespace-only.yaml": b"   \n\n\t\n",
    "comment-only.yaml": b"# nothing here\n",
    "truncated-flow.yaml": (GOOD_CLIENT + "design: {target_density_per_cm2: 11").encode(),
    "truncated-block.yaml": (GOOD + GOOD_DESIGN[:13]).encode()[:-60],
    "truncated-quote.yaml": b'client: {norwood: "V\n',
    "truncated.json": b'{"client": {"norwood": "V"}, "design": {"target_density_per_cm2": 11',
    "tab-indent.yaml": b"client:\n\tnorwood: V\n",
    "wrong-type-sessions.yaml": (GOOD_CLIENT + GOOD_DESIGN + "sessions: three\n").encode(),
    "wrong-type-density.yaml": (GOOD_CLIENT + "design: {target_density_per_cm2: [1, 2]}\n" + GOOD_SESSIONS).encode(),
    "wrong-type-client.yaml": ("client: [V]\n" + GOOD_DESIGN + GOOD_SESSIONS).encode(),
    "wrong-type-top.yaml": b"- just\n- a\n- list\n",
    "wrong-type-scalar.yaml": b"42\n",
    "wrong-type-seed.yaml": plan_with(seed="-1").encode(),
    "wrong-types.json": b'{"client": {"norwood": 5}, "design": {"target_density_per_cm2": "lots"}, "sessions": {}}',
    "huge-1e308.yaml": plan_with(head="1e308").encode(),
    "huge-1e400.yaml": plan_with(density="1e400").encode(),
    "huge-negative.yaml": plan_with(density="-1.7976931348623157e308").encode(),
    "huge-seed.yaml": plan_with(seed="99999999999999999999999999").encode(),
    "tiny-denormal.yaml": plan_with(density="4.9e-324", head="5e-324").encode(),
    "nan-dot.yaml": plan_with(density=".nan").encode(),
    "nan-word.yaml": plan_with(density="NaN").encode(),
    "nan-json.json": b'{"client": {"norwood": "V"}, "design": {"target_density_per_cm2": NaN}, "sessions": []}',
    "inf-dot.yaml": plan_with(head=".inf").encode(),
    "inf-negative.yaml": plan_with(density="-.Inf").encode(),
    "inf-word.yaml": plan_with(density="Infinity").encode(),
    "rtl-marks.yaml": plan_with(norwood="\"\u200fV\u202e\"").encode(),
    "emoji-keys.yaml": (GOOD + "\U0001F600: \U0001F4A5\n").encode(),
    "emoji-values.yaml": plan_with(norwood="\U0001F9D1\u200d\U0001F9B2").encode(),
    "nul-byte.yaml": GOOD.encode().replace(b"norwood: V", b"norwood: V\x00"),
    "nul-escaped.yaml": plan_with(norwood='"V\\0"').encode(),
    "invalid-utf8.yaml": GOOD.encode().replace(b"norwood: V", b"norwood: \xff\xfeV"),
    "utf16-bom.yaml": b"\xff\xfe" + "client: {norwood: V}\n".encode("utf-16-le"),
    "binary-garbage.yaml": bytes(rnd.getrandbits(8) for _ in range(4096)),
    "binary-png.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "deep-flow-seq.yaml": b"[" * 20_000,
    "deep-flow-map.yaml": b"{a: " * 5_000,
    "deep-block-seq.yaml": b"- " * 1500 + b"x\n",
    "deep-block-map.yaml": "".join(" " * i + "a:\n" for i in range(300)).encode() + b"- " * 1000 + b"x\n",
    "deep-in-field.yaml": (GOOD_CLIENT + GOOD_DESIGN + "sessions: " + "[" * 999 + "]" * 999 + "\n").encode(),
    "billion-laughs.yaml": ("\n".join(laughs) + "\n").encode(),
    "billion-laughs-in-name.yaml": (GOOD + "name:\n" + "\n".join("  " + l for l in laughs) + "\n").encode(),
    "alias-bomb-key.yaml": ("\n".join(laughs) + "\n? *i\n: 1\n? *h\n: 2\n").encode(),
    "alias-undefined.yaml": (GOOD_CLIENT + GOOD_DESIGN + "sessions: [*nothing]\n").encode(),
    "alias-recursive.yaml": b"a: &a [*a]\n",
    "duplicate-keys.yaml": (GOOD + GOOD_CLIENT).encode(),
    "duplicate-nested-keys.yaml": ("client: {norwood: V, norwood: VI}\n" + GOOD_DESIGN + GOOD_SESSIONS).encode(),
    "duplicate-keys.json": b'{"client": {"norwood": "V"}, "client": {"norwood": "V"}}',
    "long-string-value.yaml": plan_with(norwood="V" * 100_000).encode(),
    "long-key.yaml": (GOOD + "k" * 100_000 + ": 1\n").encode(),
    "long-line-number.yaml": plan_with(density="1" + "0" * 100_000).encode(),
    "many-sessions.yaml": (GOOD_CLIENT + GOOD_DESIGN + "sessions:\n" + "".join(
        f"  - {{day: {d}, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}}\n" for d in range(300))).encode(),
    "many-follow-ups.yaml": (GOOD + "follow_up_days: [" + ", ".join(str(d) for d in list(range(2_000)) + [5]) + "]\n").encode(),
    "many-documents.yaml": (GOOD + "---\n" + GOOD).encode(),
    "unknown-tag.yaml": plan_with(density="!!binary aGVsbG8=").encode(),
    "sessions-21.yaml": (GOOD_CLIENT + GOOD_DESIGN + "sessions:\n" + "".join(
        f"  - {{day: {d}, fraction_of_target: 1, needle_mm: 0.2, depth_mm: 0.6}}\n" for d in range(21))).encode(),
    "sweep-huge-range.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  vary:\n    seed: {from: 0, to: 1e300, step: 1}\n",
    "sweep-infinite-span.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  vary:\n    seed: {from: -1e308, to: 1e308, step: 1e-300}\n",
    "sweep-tiny-step.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  vary:\n    design.spacing_factor: {from: 0.2, to: 1.2, step: 1e-9}\n",
    "sweep-huge-count.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  vary:\n    seed: {from: 0, to: 10, count: 1000000000000}\n",
    "sweep-grid-product.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  vary:\n" + b"".join(
        f"    sessions[{i}].day: {{from: 0, to: 999, count: 1000}}\n".encode() for i in range(4)),
    "sweep-nan-range.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  vary:\n    seed: {from: .nan, to: .inf, step: 1}\n",
    "sweep-zero-step.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  vary:\n    seed: {from: 0, to: 5, step: 0}\n",
    "sweep-bad-path.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  vary:\n    'sessions[-1]..depth_mm': [1]\n",
    "sweep-index-out-of-range.yaml": ("sweep:\n  base_plan:\n" + "".join("    " + l + "\n" for l in GOOD.splitlines())
                                      + "  vary:\n    sessions[99999999999999999999].depth_mm: [1]\n    sessions[7].depth_mm: [0.5]\n").encode(),
    "sweep-base-missing.yaml": b"sweep:\n  base: no-such-plan.yaml\n  vary:\n    seed: [1]\n",
    "sweep-base-dev-zero.yaml": b"sweep:\n  base: /dev/zero\n  vary:\n    seed: [1]\n",
    "sweep-base-folder.yaml": b"sweep:\n  base: .\n  vary:\n    seed: [1]\n",
    "sweep-rows-missing.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  rows: no-such-rows.csv\n",
    "sweep-rows-ragged.yaml": b"sweep:\n  base_plan: {client: {norwood: V}}\n  rows: ../sweep-rows/ragged.csv\n",
    "sweep-both-bases.yaml": b"sweep:\n  base: a.yaml\n  base_plan: {}\n  vary: {seed: [1]}\n",
    "sweep-extra-key.yaml": b"sweep:\n  base_plan: {}\n  vary: {seed: [1]}\nclient: {norwood: V}\n",
    "sweep-invalid-variants.yaml": ("sweep:\n  base_plan:\n" + "".join("    " + l + "\n" for l in GOOD.splitlines())
                                    + "  vary:\n    design.target_density_per_cm2: [1e400, .nan, -5]\n").encode(),
}

csvs = {
    "empty.csv": b"",
    "blank-lines.csv": b"\n\r\n   \n",
    "header-only.csv": b"L1,a1,b1,L2,a2,b2\n",
    "truncated-row.csv": b"L1,a1,b1,L2,a2,b2\n50,0,0,50,1\n",
    "truncated-number.csv": b"50,0,0,50,1,2e",
    "too-many-fields.csv": b"50,0,0,50,1,2,3\n",
    "only-commas.csv": b",,,,,\n",
    "nan.csv": b"50,nan,0,50,0,0\n",
    "nan-upper.csv": b"NaN,0,0,50,0,0\n",
    "inf.csv": b"50,0,inf,50,0,0\n",
    "infinity.csv": b"50,0,0,50,0,-Infinity\n",
    "huge-1e400.csv": b"50,1e400,0,50,0,0\n",
    "huge-1e308.csv": b"50,1e308,0,50,0,0\n",
    "long-digits.csv": b"50," + b"1" * 50_000 + b",0,50,0,0\n",
    "long-exponent.csv": b"50,1e" + b"9" * 5000 + b",0,50,0,0\n",
    "hex.csv": b"50,0x10,0,50,0,0\n",
    "out-of-range.csv": b"120,0,0,50,0,0\n",
    "words.csv": b"L1,a1,b1,L2,a2,b2\nfifty,0,0,50,0,0\n",
    "nul-bytes.csv": b"50,0,0,50,0,0\x00\n",
    "rtl-marks.csv": "50,\u200f1,0,50,0,0\n".encode(),
    "emoji.csv": "50,0,0,50,0,\U0001F600\n".encode(),
    "bom-then-row.csv": b"\xef\xbb\xbf" + b"50,0,0,50,0,0\nxx\n",
    "utf16.csv": "50,0,0,50,0,0\n".encode("utf-16"),
    "binary-garbage.csv": bytes(rnd.getrandbits(8) for _ in range(4096)),
    "long-line.csv": b"50,0,0,50,0,0\n" + b"9," * 50_000 + b"\n",
    "bad-last-row.csv": b"50,0,0,50,0,0\n" * 1000 + b"50,0,0,50,0\n",
    "quoted.csv": b'"50","0","0","50","0","0"\n',
    "semicolons.csv": b"50;0;0;50;0;0\n",
}

for folder, files in (("plans", plans), ("csv", csvs)):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name, data in files.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
os.makedirs("sweep-rows", exist_ok=True)
with open("sweep-rows/ragged.csv", "wb") as f:
    f.write(b"seed,client.skin\n1,monk-2\n2\n")
print(len(plans), "plans,", len(csvs), "csv")
