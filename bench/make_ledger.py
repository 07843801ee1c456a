"""Build a large ledger for the benchmarks (not a test; data go to bench/data/).

    python bench/make_ledger.py --enterprises 100000 --talent 50000

Rows are inserted directly (bench data need no audit trail) but through the
real schema, triggers and FTS index, on top of the demo ledger.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.records import new_id, now  # noqa: E402
from desktop_app.domain.codes import uscc_check_char  # noqa: E402
from desktop_app.services import catalogs  # noqa: E402
from desktop_app.services.demo import build_demo  # noqa: E402

DATA = Path(__file__).parent / "data"
WORDS = ("晋", "沁", "泽", "阳", "鑫", "华", "瑞", "恒", "丰", "源", "达", "通", "兴", "盛", "隆", "宏",
         "祥", "润", "嘉", "和", "中", "天", "正", "新", "旺", "泰", "安", "博", "远", "峰")
TRADES = ("煤业", "煤层气开发", "电力", "热力", "供水", "化工", "铸造", "机械制造", "食品", "纺织", "医药",
          "建材", "新材料", "能源", "科技")
FORMS = ("有限公司", "有限责任公司", "股份有限公司", "集团有限公司")


def build(path: Path, n_enterprises: int, n_talent: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    ledger = build_demo(path)
    conn = ledger.conn
    towns = [r[0] for r in conn.execute("SELECT id FROM units WHERE level IN ('township', 'zone')")]
    industries = catalogs.industries()
    stamp = now()
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    rows = []
    for i in range(n_enterprises):
        body = f"91140521MA{i:07X}".replace("I", "J").replace("O", "P")[:17]
        code = body + uscc_check_char(body)
        name = "山西" + "".join(rng.sample(WORDS, 2)) + rng.choice(TRADES) + rng.choice(FORMS)
        rows.append((new_id(), ledger.unit.id, name, code, rng.choice(towns), rng.choice(industries),
                     int(rng.random() < 0.3), f"沁水县{rng.randint(1, 999)}号", stamp, stamp, 1))
    conn.executemany(
        "INSERT INTO enterprises (id, unit_id, name, uscc, township_id, industry, above_scale, address, "
        "created_at, updated_at, is_sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    categories, inds, methods = catalogs.talent_categories(), catalogs.talent_industries(), catalogs.intro_methods()
    trows = []
    for _ in range(n_talent):
        trows.append((new_id(), ledger.unit.id, rng.choice("王李张刘陈杨赵黄周吴") + rng.choice(WORDS) + rng.choice(WORDS),
                      rng.choice(categories), rng.choice(inds), rng.choice(methods), int(rng.random() < 0.1),
                      f"{rng.randint(2018, 2026)}-0{rng.randint(1, 9)}-15", stamp, stamp))
    conn.executemany(
        "INSERT INTO talent (id, unit_id, name, category, industry, intro_method, high_level, intro_date, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", trows)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    print(f"built {path} ({n_enterprises:,} enterprises, {n_talent:,} talent) in {time.perf_counter() - t0:.1f} s")
    return path


def ensure(n_enterprises: int = 100_000, n_talent: int = 50_000) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"ledger_{n_enterprises}_{n_talent}.sqlite3"
    if not path.exists():
        build(path, n_enterprises, n_talent)
    return path


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--enterprises", type=int, default=100_000)
    p.add_argument("--talent", type=int, default=50_000)
    a = p.parse_args()
    DATA.mkdir(exist_ok=True)
    build(DATA / f"ledger_{a.enterprises}_{a.talent}.sqlite3", a.enterprises, a.talent)
