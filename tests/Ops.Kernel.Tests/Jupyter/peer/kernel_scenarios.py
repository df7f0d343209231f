"""Drives the ops kernel through Debian's jupyter_client, one scenario per run.

usage: kernel_scenarios.py SCENARIO [WORKDIR] [NOTEBOOK]
The kernelspec ops-csharp must be findable (the C# test installs it and sets JUPYTER_PATH).
Prints 'PASS <check>' lines, and 'ok <scenario>' at the end; any failed check raises and exits 1.
"""
import json
import os
import socket
import sys
import time

import jupyter_client
from jupyter_client.session import Session

T = 30  # generous per-message timeout; the C# test bounds the whole run


def check(name, condition, detail=""):
    if not condition:
        raise AssertionError(f"FAIL {name}: {detail}")
    print("PASS", name, flush=True)


def start():
    km = jupyter_client.KernelManager(kernel_name="ops-csharp")
    km.start_kernel(cwd=WORKDIR)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=T)
    return km, kc


def collect(kc, msg_id, timeout=T):
    """iopub messages of one request, up to and including its status idle."""
    out = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out
    raise AssertionError(f"no idle for {msg_id}; got {[m['msg_type'] for m in out]}")


def reply_to(kc, msg_id, getter=None, timeout=T):
    getter = getter or kc.get_shell_msg
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = getter(timeout=max(0.01, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise AssertionError(f"no reply to {msg_id}")


def run(kc, code, **kw):
    msg_id = kc.execute(code, **kw)
    reply = reply_to(kc, msg_id)
    return reply, collect(kc, msg_id)


def types(msgs):
    return [m["msg_type"] for m in msgs]


def basics():
    km, kc = start()
    try:
        msg_id = kc.kernel_info()
        info = reply_to(kc, msg_id)["content"]
        li = info["language_info"]
        check("kernel_info", info["protocol_version"] == "5.3" and li["name"] == "csharp"
              and li["mimetype"] == "text/x-csharp" and li["file_extension"] == ".cs"
              and li["pygments_lexer"] == "csharp" and li["codemirror_mode"] == "text/x-csharp", info)

        reply, io = run(kc, "var x = 20; x + 1")
        t = types(io)
        check("execute_iopub_order", t[0] == "status" and t[1] == "execute_input" and "execute_result" in t and t[-1] == "status", t)
        res = next(m for m in io if m["msg_type"] == "execute_result")["content"]
        check("execute_result", res["data"]["text/plain"] == "21" and res["execution_count"] == reply["content"]["execution_count"], res)
        check("execute_reply_ok", reply["content"]["status"] == "ok" and reply["content"]["execution_count"] == 1, reply["content"])

        reply, io = run(kc, 'Console.WriteLine("hello from the cell");')
        streams = "".join(m["content"]["text"] for m in io if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        check("stream_stdout", "hello from the cell" in streams, types(io))

        reply, io = run(kc, 'var h = "first".Display(); h.Update("second");')
        disp = [m for m in io if m["msg_type"] in ("display_data", "update_display_data")]
        check("display_then_update", types(disp) == ["display_data", "update_display_data"]
              and disp[0]["content"]["transient"]["display_id"] == disp[1]["content"]["transient"]["display_id"]
              and "second" in disp[1]["content"]["data"]["text/plain"], [m["content"] for m in disp])

        reply, io = run(kc, 'throw new InvalidOperationException("boom at the probe");')
        err = [m for m in io if m["msg_type"] == "error"]
        c = reply["content"]
        check("error_reply", c["status"] == "error" and c["ename"] and "boom at the probe" in c["evalue"] and isinstance(c["traceback"], list) and c["traceback"], c)
        check("error_iopub", len(err) == 1 and "boom at the probe" in err[0]["content"]["evalue"] and err[0]["content"]["traceback"], types(io))

        reply, io = run(kc, "int y = ;")
        check("compile_error", reply["content"]["status"] == "error", reply["content"])

        # stop_on_error: the execute queued behind a failing one is aborted, not run.
        a = kc.execute('System.Threading.Thread.Sleep(500); throw new Exception("first fails");')  # b is queued by then
        b = kc.execute("x = 999;")
        check("stop_on_error_first", reply_to(kc, a)["content"]["status"] == "error")
        check("stop_on_error_aborts_queued", reply_to(kc, b)["content"]["status"] == "aborted")
        reply, io = run(kc, "x")
        check("aborted_cell_did_not_run", next(m for m in io if m["msg_type"] == "execute_result")["content"]["data"]["text/plain"] == "20")

        reply, io = run(kc, "x + 100", silent=True)
        check("silent", "execute_input" not in types(io) and "execute_result" not in types(io) and reply["content"]["status"] == "ok", types(io))

        reply, _ = run(kc, "var z = 5;", user_expressions={"double": "z * 2", "bad": "nope("})
        ue = reply["content"]["user_expressions"]
        check("user_expressions", ue["double"]["status"] == "ok" and ue["double"]["data"]["text/plain"] == "10" and ue["bad"]["status"] == "error", ue)

        code = "var list = new System.Collections.Generic.List<int>(); list.Ad"
        c = reply_to(kc, kc.complete(code, len(code)))["content"]
        check("complete_members", "Add" in c["matches"] and c["cursor_end"] == len(code) and c["cursor_start"] == len(code) - 2, c)

        code = "var total = x + z; tot"
        c = reply_to(kc, kc.complete(code, len(code)))["content"]
        check("complete_symbols_in_scope", "total" in c["matches"] and c["cursor_start"] == len(code) - 3, c)

        code = "Console.WriteLine"
        c = reply_to(kc, kc.inspect(code, len(code) - 2))["content"]
        check("inspect", c["status"] == "ok" and c["found"] and "WriteLine" in c["data"]["text/plain"], c)

        c = reply_to(kc, kc.is_complete("if (x > 1) {"))["content"]
        check("is_complete_incomplete", c["status"] == "incomplete" and "indent" in c, c)
        c = reply_to(kc, kc.is_complete("x + 1;"))["content"]
        check("is_complete_complete", c["status"] == "complete", c)

        c = reply_to(kc, kc.history(hist_access_type="tail", n=2, output=False, raw=True))["content"]
        check("history_tail", len(c["history"]) == 2 and c["history"][-1][2] == "var z = 5;", c)
        c = reply_to(kc, kc.history(hist_access_type="range", session=0, start=1, stop=2, output=True, raw=True))["content"]
        check("history_range", len(c["history"]) == 1 and c["history"][0][1] == 1 and c["history"][0][2][0] == "var x = 20; x + 1"
              and c["history"][0][2][1] == "21", c)

        msg = kc.session.msg("comm_info_request", {})
        kc.shell_channel.send(msg)
        c = reply_to(kc, msg["header"]["msg_id"])["content"]
        check("comm_info", c["status"] == "ok" and c["comms"] == {}, c)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def stdin():
    km, kc = start()
    try:
        msg_id = kc.execute('var name = Console.ReadLine(); $"hi {name}"', allow_stdin=True)
        req = kc.get_stdin_msg(timeout=T)
        check("input_request", req["msg_type"] == "input_request" and req["parent_header"]["msg_id"] == msg_id, req)
        kc.input("operator")
        reply = reply_to(kc, msg_id)
        io = collect(kc, msg_id)
        res = [m for m in io if m["msg_type"] == "execute_result"]
        check("input_answered", reply["content"]["status"] == "ok" and res and "hi operator" in res[0]["content"]["data"]["text/plain"], types(io))

        msg_id = kc.execute('var secret = Password("community: "); secret.Length', allow_stdin=True)
        req = kc.get_stdin_msg(timeout=T)
        check("password_request", req["content"]["password"] is True and req["content"]["prompt"] == "community: ", req["content"])
        kc.input("s3cr3t")
        reply = reply_to(kc, msg_id)
        io = collect(kc, msg_id)
        res = [m for m in io if m["msg_type"] == "execute_result"]
        check("password_answered", res and res[0]["content"]["data"]["text/plain"] == "6", types(io))

        # A client without a stdin channel that still says allow_stdin gets an error, not a cell hung forever.
        lone = jupyter_client.BlockingKernelClient(connection_file=km.connection_file)
        lone.load_connection_file()
        lone.start_channels(stdin=False)
        try:
            msg_id = lone.execute("Console.ReadLine()", allow_stdin=True)
            c = reply_to(lone, msg_id, timeout=10)["content"]
            check("input_without_stdin_channel_fails_fast", c["status"] == "error" and "no stdin channel" in c["evalue"], c)
        finally:
            lone.stop_channels()

        reply, io = run(kc, "Console.ReadLine()", allow_stdin=False)
        c = reply["content"]
        check("input_refused_without_stdin", c["status"] == "error" and "allow_stdin" in (c["evalue"] + "".join(c["traceback"])), c)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def interrupt():
    km, kc = start()
    try:
        run(kc, "var kept = 41;")
        msg_id = kc.execute("while (true) { }")
        collect_until = time.time() + T
        while time.time() < collect_until:  # wait until the loop is really running
            m = kc.get_iopub_msg(timeout=T)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                break
        time.sleep(0.3)

        # control answers kernel_info while shell is busy
        info = kc.session.msg("kernel_info_request", {})
        t0 = time.time()
        kc.control_channel.send(info)
        r = reply_to(kc, info["header"]["msg_id"], kc.get_control_msg, timeout=5)
        check("kernel_info_on_control_while_busy", r["msg_type"] == "kernel_info_reply" and time.time() - t0 < 1.0, time.time() - t0)

        t0 = time.time()
        km.interrupt_kernel()
        reply = reply_to(kc, msg_id, timeout=10)
        elapsed = time.time() - t0
        check("interrupt_reply_within_1s", elapsed < 1.0 and reply["content"]["status"] == "error", f"{elapsed:.3f}s {reply['content']}")
        reply, io = run(kc, "kept + 1")
        res = [m for m in io if m["msg_type"] == "execute_result"]
        check("next_cell_sees_earlier_variables", res and res[0]["content"]["data"]["text/plain"] == "42", types(io))

        # SIGINT is treated like interrupt_request (jupyter_client sends it in signal mode).
        msg_id = kc.execute("while (true) { }")
        time.sleep(0.5)
        t0 = time.time()
        km.signal_kernel(2)
        reply = reply_to(kc, msg_id, timeout=10)
        check("sigint_interrupts", time.time() - t0 < 1.0 and reply["content"]["status"] == "error", reply["content"])
        check("alive_after_sigint", km.is_alive())
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def restart():
    km, kc = start()
    try:
        run(kc, "var before = 1;")
        first_pid = km.provisioner.process.pid
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=T)
        check("restarted_new_process", km.provisioner.process.pid != first_pid and km.is_alive())
        reply, io = run(kc, "before")
        check("restart_clears_state", reply["content"]["status"] == "error" and reply["content"]["execution_count"] == 1, reply["content"])
        process = km.provisioner.process
        kc.stop_channels()
        t0 = time.time()
        km.shutdown_kernel(now=False)
        check("shutdown_exits_cleanly", process.returncode == 0 and time.time() - t0 < 5, f"rc={process.returncode}")
    finally:
        if km.is_alive():
            km.shutdown_kernel(now=True)


def cpu_seconds(pid):
    """utime + stime of a process, from /proc (clock ticks)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def kernel_pid(kc):
    reply, io = run(kc, "Environment.ProcessId")
    res = [m for m in io if m["msg_type"] == "execute_result"]
    return int(res[0]["content"]["data"]["text/plain"])


def stuck():
    """A cell no interrupt can stop (catastrophic regex backtracking inside the BCL): reported with the
    restart advice, warned about on later cells, and a restart ends the old process at once."""
    km, kc = start()
    try:
        first_pid = kernel_pid(kc)
        # A foreground thread a cell leaves spinning must not keep the process alive past a restart either.
        run(kc, "new Thread(() => { while (true) Thread.Sleep(50); }) { IsBackground = false }.Start();")
        msg_id = kc.execute('System.Text.RegularExpressions.Regex.IsMatch(new string(\'a\', 40) + "!", "^(a+)+$")')
        deadline = time.time() + T
        while time.time() < deadline:
            m = kc.get_iopub_msg(timeout=T)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                break
        time.sleep(0.3)
        t0 = time.time()
        km.interrupt_kernel()
        reply = reply_to(kc, msg_id, timeout=10)
        elapsed = time.time() - t0
        c = reply["content"]
        check("stuck_reported_after_grace", c["status"] == "error" and c["ename"] == "CellStuck" and 1.5 < elapsed < 8, f"{elapsed:.2f}s {c}")
        check("stuck_says_still_using_cpu", "still running" in c["evalue"] and "CPU" in c["evalue"], c["evalue"])
        check("stuck_offers_restart", "Restart Kernel" in c["evalue"] and "Restart" in "".join(c["traceback"]), c)

        reply, io = run(kc, "1 + 1")
        warnings = [m["content"]["text"] for m in io if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"]
        res = [m for m in io if m["msg_type"] == "execute_result"]
        check("next_cell_runs", reply["content"]["status"] == "ok" and res and res[0]["content"]["data"]["text/plain"] == "2", types(io))
        check("next_cell_warns_of_the_spinning_thread", any("still running" in w and "restart the kernel" in w for w in warnings), warnings)
        info = kc.session.msg("kernel_info_request", {})
        kc.control_channel.send(info)
        r = reply_to(kc, info["header"]["msg_id"], kc.get_control_msg, timeout=5)
        check("kernel_info_still_answers", r["content"]["status"] == "ok", r["content"])

        c0 = cpu_seconds(first_pid)
        time.sleep(1.0)
        spinning = cpu_seconds(first_pid) - c0
        check("abandoned_thread_spins", spinning > 0.25, f"{spinning:.2f} CPU s in 1 s")

        old = km.provisioner.process
        t0 = time.time()
        km.restart_kernel(now=False)
        restart_s = time.time() - t0
        kc.wait_for_ready(timeout=T)
        # jupyter_client waits 5 s for a shutdown and then kills: exit code 0 means the kernel ended itself.
        check("old_kernel_ended_itself", old.returncode == 0 and restart_s < 4.5, f"rc={old.returncode} after {restart_s:.2f}s")
        check("old_pid_gone", not os.path.exists(f"/proc/{first_pid}"), first_pid)
        new_pid = kernel_pid(kc)
        check("new_kernel_answers", new_pid != first_pid, new_pid)
        reply, io = run(kc, "1 + 1")
        warnings = [m for m in io if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"]
        check("no_warning_after_restart", reply["content"]["status"] == "ok" and not warnings, types(io))
        time.sleep(0.5)  # the new kernel's background JIT settles
        c0 = cpu_seconds(new_pid)
        time.sleep(1.0)
        idle = cpu_seconds(new_pid) - c0
        check("new_kernel_idle", idle < 0.3, f"{idle:.2f} CPU s in 1 s")
        print(f"numbers: restart {restart_s:.2f} s, old kernel {spinning:.2f} CPU s/s spinning, new kernel {idle:.2f} CPU s/s idle", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def security():
    km, kc = start()
    try:
        info = km.get_connection_info()
        ip = info["ip"]
        marker = os.path.join(WORKDIR, "pwned.txt")

        import zmq
        ctx = zmq.Context.instance()
        bad = ctx.socket(zmq.DEALER)
        bad.setsockopt(zmq.LINGER, 0)
        bad.connect(f"tcp://{ip}:{info['shell_port']}")
        for key in (b"wrong-key", b""):
            s = Session(key=key)
            s.send(bad, "execute_request", {"code": f'System.IO.File.WriteAllText(@"{marker}", "x");', "silent": False,
                                             "store_history": True, "user_expressions": {}, "allow_stdin": False})
        check("bad_signature_gets_no_reply", bad.poll(1500) == 0)
        check("bad_signature_runs_nothing", not os.path.exists(marker))

        kc2 = km.client()
        kc2.start_channels()
        kc2.wait_for_ready(timeout=T)
        time.sleep(0.2)
        msg_id = kc.execute("6 * 7")
        seen = collect(kc2, msg_id)
        res = [m for m in seen if m["msg_type"] == "execute_result"]
        check("second_client_gets_iopub", res and res[0]["content"]["data"]["text/plain"] == "42", types(seen))
        kc2.stop_channels()

        reply, io = run(kc, 'new System.Threading.Thread(() => throw new InvalidOperationException("background boom")).Start(); System.Threading.Thread.Sleep(300);')
        errs = "".join(m["content"]["text"] for m in io if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
        check("background_thread_crash_reported", "background boom" in errs, types(io))
        reply, io = run(kc, "6 * 7")
        check("alive_after_background_crash", reply["content"]["status"] == "ok" and km.is_alive(), reply["content"])

        ports = [info[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
        for port in ports:
            for payload in (os.urandom(4096), bytes([0xFF] + [0] * 8 + [0x7F, 3, 1]) + b"NULL".ljust(20, b"\0") + bytes(32) + os.urandom(2048),
                            bytes([0xFF] + [0] * 8 + [0x7F, 3, 0]) + b"NULL".ljust(20, b"\0") + bytes(32) + b"\x02\xff\xff\xff\xff\xff\xff\xff\xff"):
                s = socket.create_connection((ip, port), timeout=2)
                try:
                    s.sendall(payload)
                except OSError:
                    pass
                s.close()
        time.sleep(0.3)
        check("alive_after_random_bytes", km.is_alive() and kc.hb_channel.is_beating())
        reply, io = run(kc, "1 + 1")
        check("answers_after_random_bytes", reply["content"]["status"] == "ok", reply["content"])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def ipc():
    km = jupyter_client.KernelManager(kernel_name="ops-csharp", transport="ipc", ip=os.path.join(WORKDIR, "kernel-ipc"))
    km.start_kernel(cwd=WORKDIR)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=T)
        check("ipc_socket_files", os.path.exists(os.path.join(WORKDIR, f"kernel-ipc-{km.shell_port}")))
        reply, io = run(kc, "20 + 22")
        res = [m for m in io if m["msg_type"] == "execute_result"]
        check("ipc_execute", res and res[0]["content"]["data"]["text/plain"] == "42", types(io))
        check("ipc_heartbeat", kc.hb_channel.is_beating())
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def notebook():
    import nbformat
    from nbclient import NotebookClient
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel_smoke.ipynb")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="ops-csharp", timeout=60, resources={"metadata": {"path": WORKDIR}}).execute()
    outs = [c.get("outputs", []) for c in nb.cells if c.cell_type == "code"]
    check("nbclient_all_cells_ran", all(c.get("execution_count") for c in nb.cells if c.cell_type == "code"))
    text = json.dumps(outs)
    check("nbclient_outputs", "Sum of samples: 10" in text and '"text/plain": "30"' in text.replace("'", '"'), text[:2000])
    nbformat.write(nb, os.path.join(WORKDIR, "executed.ipynb"))


def repo_notebook():
    """A versioned notebook of ours, run by nbclient through the kernel, reproduces its stored outputs."""
    import copy
    import nbformat
    from nbclient import NotebookClient
    path = sys.argv[3]
    stored = nbformat.read(path, as_version=4)
    nb = copy.deepcopy(stored)
    NotebookClient(nb, kernel_name="ops-csharp", timeout=120,
                   resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}}).execute()

    def text(cell):
        out = []
        for o in cell.get("outputs", []):
            if o["output_type"] == "stream":
                out.append(o["text"])
            elif o["output_type"] in ("display_data", "execute_result"):
                t = o["data"].get("text/plain", "")
                out.append(t if isinstance(t, str) else "".join(t))
            elif o["output_type"] == "error":
                out.append("ERROR " + o["ename"] + ": " + o["evalue"])
        return "".join(out)

    code = [(a, b) for a, b in zip(stored.cells, nb.cells) if a.cell_type == "code"]
    check("repo_notebook_has_code", len(code) > 0, path)
    for i, (a, b) in enumerate(code):
        check(f"repo_notebook_cell_{i}_matches_stored_output", text(a) == text(b),
              f"stored {text(a)[:400]!r}\nkernel {text(b)[:400]!r}")


FLOOD_LINES = 100_000


def flood():
    """A cell printing 100,000 lines: every line and the result reach a jupyter_client frontend, then idle."""
    km, kc = start()
    try:
        started = time.time()
        msg_id = kc.execute(f'for (var i = 0; i < {FLOOD_LINES}; i++) Console.WriteLine($"line {{i}}"); "done"')
        reply = reply_to(kc, msg_id, timeout=120)
        io = collect(kc, msg_id, timeout=120)
        elapsed = time.time() - started
        text = "".join(m["content"]["text"] for m in io if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        lines = text.splitlines()
        streams = sum(1 for m in io if m["msg_type"] == "stream")
        check("flood_reply_ok", reply["content"]["status"] == "ok", reply["content"])
        check("flood_every_line_in_order", lines == [f"line {i}" for i in range(FLOOD_LINES)],
              f"{len(lines)} lines, first {lines[:2]}, last {lines[-2:]}")
        results = [m for m in io if m["msg_type"] == "execute_result"]
        check("flood_result", len(results) == 1 and results[0]["content"]["data"]["text/plain"] == "done", types(io)[-5:])
        check("flood_no_drop_note", "dropped" not in "".join(m["content"].get("text", "") for m in io if m["msg_type"] == "stream"
                                                              and m["content"]["name"] == "stderr"))
        check("flood_coalesced", streams < 1000, f"{streams} stream messages")
        print(f"FLOOD {FLOOD_LINES} lines in {elapsed:.3f} s, {streams} stream messages", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def redact():
    """With --redact, secrets never leave the kernel: streams, results and the echoed code are redacted."""
    km = jupyter_client.KernelManager(kernel_name="ops-csharp")
    km.start_kernel(cwd=WORKDIR, extra_arguments=["--redact"])
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=T)
    try:
        reply, msgs = run(kc, 'Console.WriteLine("key AKIAZ7QH3XJ4K2LMNOPQ"); "postgres://app:hunter2secret@db:5432/x"')
        check("redact_reply_ok", reply["content"]["status"] == "ok", reply["content"])
        sent = json.dumps([m["content"] for m in msgs])
        check("redact_access_key", "AKIAZ7QH3XJ4K2LMNOPQ" not in sent, sent)
        check("redact_url_password", "hunter2secret" not in sent, sent)
        check("redact_marker", "[REDACTED:" in sent, sent)
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        check("redact_result_kept", len(results) == 1 and "db:5432" in results[0]["content"]["data"]["text/plain"], sent)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


WORKDIR = sys.argv[2] if len(sys.argv) > 2 else os.getcwd()
scenario = sys.argv[1]
globals()[scenario]()
print("ok", scenario, flush=True)
