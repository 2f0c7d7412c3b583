#!/usr/bin/env python3
"""Run annals extraction as an Apache Spark job, then build the events.

The map step runs on the workers: each partition of articles is piped, as
JSON Lines {"id", "published", "text"}, through `annals extract --stdin
--for-events` (the binary is shipped to them with SparkContext.addFile). The
reduce step runs on the driver: `annals events --from-mentions -` reads every
line the workers wrote and builds the same events a local load of the same
articles gives.

Articles are a folder of article files (read as annals reads --articles: the
.txt, .md and .text files directly in it, each named by its path relative to
the folder) or JSON Lines of {"id", "published", "text"} (a file, a folder or
a glob of them), on any path Spark reads: local, HDFS, S3.

The output folder gets `mentions/` (the workers' lines, as Spark part files),
`events.json` (the catalog, as `annals list --format json` prints it) and
`timings.json` (seconds per stage).

    spark-submit --master local[2] contrib/spark/annals_spark.py \\
        --annals target/release/annals --articles DIR --out OUT
"""

import argparse
import json
import os
import posixpath
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

# The extensions annals reads from an --articles folder (src/loader.rs,
# `article_files`). The test compares the job with a local load, so a change
# there that is not made here shows.
ARTICLE_EXTENSIONS = (".txt", ".md", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="annals extraction as a Spark job: articles in, mentions and events out"
    )
    p.add_argument("--master", help="Spark master (default: what spark-submit was given, else local[*])")
    p.add_argument("--annals", required=True, help="the annals binary (Linux, for the workers)")
    p.add_argument("--articles", required=True,
                   help="a folder of articles, or JSON Lines of {id, published, text}")
    p.add_argument("--out", required=True, help="the output folder (must not exist)")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions of articles (default: Spark's default parallelism x 4)")
    p.add_argument("--input-format", choices=("auto", "folder", "jsonl"), default="auto",
                   help="auto: JSON Lines when the path ends in .jsonl, .ndjson or .json "
                        "(optionally compressed), else a folder")
    p.add_argument("--events", help="the event catalog; default ./events.toml when present, else bundled")
    p.add_argument("--countries",
                   help="the gazetteer; default ./assets/countries.toml when present, else bundled")
    args = p.parse_args(argv)
    if args.partitions < 0:
        p.error("--partitions must be 0 (Spark's default) or more")
    if not os.path.isfile(args.annals) or not os.access(args.annals, os.X_OK):
        p.error(f"--annals {args.annals}: not an executable file")
    return args


def is_jsonl(path):
    base = path
    for c in (".gz", ".bz2", ".zst", ".deflate"):
        if base.endswith(c):
            base = base[: -len(c)]
    return base.endswith(JSONL_SUFFIXES)


def qualified(sc, path):
    """The path as Hadoop qualifies it (scheme and absolute path)."""
    jvm = sc._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(sc._jsc.hadoopConfiguration())
    return fs.makeQualified(p).toString()


def folder_records(sc, root, partitions):
    """Article files directly in `root`, as extract --stdin records whose id is
    the name the local load gives them (the path relative to the folder)."""
    root = qualified(sc, root).rstrip("/")
    prefix = root + "/"

    def record(item):
        uri, data = item
        # offsets index the text annals decodes; invalid UTF-8 is replaced as
        # annals replaces it when it reads the file itself
        text = data.decode("utf-8", errors="replace")
        return json.dumps({"id": uri[len(prefix):], "text": text}, ensure_ascii=False)

    def wanted(item):
        uri = item[0]
        rel = uri[len(prefix):] if uri.startswith(prefix) else None
        return rel is not None and "/" not in rel and rel.endswith(ARTICLE_EXTENSIONS)

    if root.startswith("file:"):
        # A local folder (in local mode, or one every worker mounts): list it
        # here and let each worker read its share by name. binaryFiles works
        # out its splits over every file and took 229 of the 313 seconds of
        # a job on 10,000 small articles; listing them took well under one.
        # Hadoop's inputs leave out names starting with "_" or ".", and so
        # does this.
        local = root[len("file:"):]
        while local.startswith("//"):
            local = local[1:]
        names = sorted(
            n for n in os.listdir(local)
            if not n.startswith(("_", "."))
            and n.endswith(ARTICLE_EXTENSIONS)
            and os.path.isfile(os.path.join(local, n))
        )

        def read(name):
            with open(os.path.join(local, name), "rb") as f:
                return prefix + name, f.read()

        return sc.parallelize(names, partitions or None).map(read).map(record)
    files = sc.binaryFiles(root, minPartitions=partitions or None)
    return files.filter(wanted).map(record)


def main(argv):
    args = parse_args(argv)
    from pyspark import SparkConf, SparkContext, SparkFiles

    timings = {}
    started = time.monotonic()
    conf = SparkConf().setAppName("annals-extract")
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    timings["spark_start"] = time.monotonic() - started

    out = args.out.rstrip("/")
    out_path = sc._jvm.org.apache.hadoop.fs.Path(out)
    if out_path.getFileSystem(sc._jsc.hadoopConfiguration()).exists(out_path):
        print(f"annals_spark: --out {out} exists; give a new folder", file=sys.stderr)
        sc.stop()
        return 2

    # the data annals would use locally, shipped to the workers with the
    # binary, so the map and the reduce read the same catalog and gazetteer
    events = args.events or ("events.toml" if os.path.isfile("events.toml") else None)
    countries = args.countries or (
        "assets/countries.toml" if os.path.isfile("assets/countries.toml") else None
    )
    annals = os.path.abspath(args.annals)
    shipped = {"annals": annals}
    if events:
        shipped["events"] = os.path.abspath(events)
    if countries:
        shipped["countries"] = os.path.abspath(countries)
    for path in shipped.values():
        sc.addFile(path)
    local = sc.master.startswith("local")

    def on_worker(path):
        # a file added with addFile lands in the executor's working folder on
        # a cluster; in local mode, in the driver's SparkFiles folder
        name = os.path.basename(path)
        return SparkFiles.get(name) if local else "./" + name

    data_flags = []
    if events:
        data_flags += ["--events", on_worker(shipped["events"])]
    if countries:
        data_flags += ["--countries", on_worker(shipped["countries"])]
    command = " ".join(
        shlex.quote(a)
        for a in [on_worker(annals)] + data_flags + ["extract", "--stdin", "--for-events"]
    )

    partitions = args.partitions or sc.defaultParallelism * 4
    use_jsonl = args.input_format == "jsonl" or (
        args.input_format == "auto" and is_jsonl(args.articles)
    )
    if use_jsonl:
        records = sc.textFile(args.articles, minPartitions=partitions).filter(lambda l: l.strip())
    else:
        records = folder_records(sc, args.articles, partitions)
    if records.getNumPartitions() != partitions:
        records = records.repartition(partitions)

    t = time.monotonic()
    lines = records.pipe(command, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                         checkCode=True)
    lines.persist()
    lines.saveAsTextFile(out + "/mentions")
    timings["extract"] = time.monotonic() - t

    # the reduce step: every line, in whatever order the partitions give them
    t = time.monotonic()
    reduce_cmd = (
        [annals]
        + (["--events", shipped["events"]] if events else [])
        + (["--countries", shipped["countries"]] if countries else [])
        + ["events", "--from-mentions", "-"]
    )
    tmp = tempfile.mkdtemp(prefix="annals-spark-")
    catalog = os.path.join(tmp, "events.json")
    counts = {"lines": 0, "articles": 0}
    with open(catalog, "wb") as sink:
        proc = subprocess.Popen(reduce_cmd, stdin=subprocess.PIPE, stdout=sink)
        try:
            for line in lines.toLocalIterator():
                counts["lines"] += 1
                if line.startswith('{"article":'):
                    counts["articles"] += 1
                proc.stdin.write(line.encode("utf-8") + b"\n")
        finally:
            proc.stdin.close()
        code = proc.wait()
    if code != 0:
        print(f"annals_spark: annals events exited with {code}", file=sys.stderr)
        sc.stop()
        return 1
    timings["events"] = time.monotonic() - t

    t = time.monotonic()
    hconf = sc._jsc.hadoopConfiguration()
    jvm = sc._jvm
    dest = jvm.org.apache.hadoop.fs.Path(out + "/events.json")
    dest.getFileSystem(hconf).copyFromLocalFile(jvm.org.apache.hadoop.fs.Path(catalog), dest)
    timings["write"] = time.monotonic() - t
    timings["total"] = time.monotonic() - started
    summary = dict(counts, partitions=partitions, seconds=timings, master=sc.master)
    side = os.path.join(tmp, "timings.json")
    with open(side, "w") as f:
        json.dump(summary, f, indent=2)
    dest = jvm.org.apache.hadoop.fs.Path(out + "/timings.json")
    dest.getFileSystem(hconf).copyFromLocalFile(jvm.org.apache.hadoop.fs.Path(side), dest)
    shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"annals_spark: {counts['articles']} articles, {counts['lines']} lines, "
        f"{partitions} partitions; wrote {posixpath.join(out, 'mentions/')} and "
        f"{posixpath.join(out, 'events.json')} in {timings['total']:.1f} s "
        f"(Spark start {timings['spark_start']:.1f} s, extract {timings['extract']:.1f} s, "
        f"events {timings['events']:.1f} s)",
        file=sys.stderr,
    )
    sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
