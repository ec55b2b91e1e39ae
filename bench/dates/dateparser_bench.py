#!/usr/bin/env python3
"""Python dateparser's side of `marsad bench dates`.

  dateparser_bench.py cases   < cases.jsonl   one {"id","text","ref"} per line
      -> one {"id", "found": [{"value","precision"}], "error"?} per line
  dateparser_bench.py speed   < bodies.jsonl  one {"text","ref"} per line
      -> one {"articles": n, "seconds": s} line (search_dates time only)

Each case runs search_dates(text, languages=['ar'], settings={'RELATIVE_BASE': ref,
'PREFER_DAY_OF_MONTH': 'first'}). search_dates returns no precision, so each found
substring is re-read with DateDataParser.get_date_data to get its period (time/day/week/
month/year); values are then written like Marsad's: YYYY-MM-DD, with THH:MM (time) or
THH:MM:SS (time with non-zero seconds); month and year periods start at day 1 / January 1.
"""
import datetime as dt
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")

from dateparser.date import DateDataParser  # noqa: E402
from dateparser.search import search_dates  # noqa: E402


def settings(ref):
    return {"RELATIVE_BASE": ref, "PREFER_DAY_OF_MONTH": "first"}


def found_for(text, ref):
    res = search_dates(text, languages=["ar"], settings=settings(ref)) or []
    ddp = DateDataParser(languages=["ar"], settings=settings(ref))
    out = []
    for sub, value in res:
        period = "day"
        try:
            data = ddp.get_date_data(sub)
            if data and data.period:
                period = data.period
        except Exception:  # noqa: BLE001 - dateparser raises many kinds
            pass
        if period == "time":
            if value.second:
                out.append({"value": value.strftime("%Y-%m-%dT%H:%M:%S"), "precision": "second"})
            else:
                out.append({"value": value.strftime("%Y-%m-%dT%H:%M"), "precision": "minute"})
        elif period == "month":
            out.append({"value": value.strftime("%Y-%m-01"), "precision": "month"})
        elif period == "year":
            out.append({"value": value.strftime("%Y-01-01"), "precision": "year"})
        else:
            out.append({"value": value.strftime("%Y-%m-%d"), "precision": "day"})
    return out


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "cases"
    if mode == "cases":
        for line in sys.stdin:
            case = json.loads(line)
            ref = dt.datetime.fromisoformat(case["ref"])
            try:
                row = {"id": case["id"], "found": found_for(case["text"], ref)}
            except Exception as err:  # noqa: BLE001
                row = {"id": case["id"], "found": [], "error": str(err)[:200]}
            print(json.dumps(row, ensure_ascii=False), flush=True)
    elif mode == "speed":
        bodies = [json.loads(line) for line in sys.stdin]
        start = time.perf_counter()
        for b in bodies:
            try:
                search_dates(b["text"], languages=["ar"],
                             settings={"RELATIVE_BASE": dt.datetime.fromisoformat(b["ref"])})
            except Exception:  # noqa: BLE001
                pass
        print(json.dumps({"articles": len(bodies), "seconds": time.perf_counter() - start}))
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
