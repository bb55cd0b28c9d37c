#!/usr/bin/env python3
"""A Kronforce custom (pull) agent in plain Python: standard library only.

It registers as a custom agent, long-polls its queue, runs what it claims, heartbeats while it
works (naming the execution, which keeps the claim's lease), and posts the result to the
callback URL the item came with (that URL carries the claim's fencing token, so a result from a
claim the controller has since given to someone else is refused with 409 instead of recorded).

Tasks it takes:
  {"type": "custom", "agent_task_type": "shell", "data": {"command": "..."}}   sh -c COMMAND
  {"type": "custom", "agent_task_type": "echo",  "data": {"text": "..."}}      prints TEXT
  {"type": "shell", "command": "..."}                                           sh -c COMMAND

Environment:
  KRONFORCE_URL        controller base URL (default http://localhost:8080)
  KRONFORCE_AGENT_KEY  an API key with the agent role (required: every agent route needs one)
  AGENT_NAME           agent name; registering again under it keeps the agent's id (default python-agent)
  AGENT_TAGS           comma-separated tags (default python,custom)
  POLL_WAIT            long-poll seconds per request, 0-60 (default 30)
  RUN_ONCE             when "1", exit after one item has been reported
"""

import datetime
import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

URL = os.environ.get("KRONFORCE_URL", "http://localhost:8080").rstrip("/")
KEY = os.environ.get("KRONFORCE_AGENT_KEY", "")
NAME = os.environ.get("AGENT_NAME", "python-agent")
TAGS = [t.strip() for t in os.environ.get("AGENT_TAGS", "python,custom").split(",") if t.strip()]
WAIT = int(os.environ.get("POLL_WAIT", "30"))
ONCE = os.environ.get("RUN_ONCE") == "1"

TASK_TYPES = [
    {"name": "shell", "description": "run a command with sh -c",
     "fields": [{"name": "command", "label": "Command", "field_type": "textarea", "required": True,
                 "placeholder": "echo hello", "options": None}]},
    {"name": "echo", "description": "print a text",
     "fields": [{"name": "text", "label": "Text", "field_type": "text", "required": True,
                 "placeholder": None, "options": None}]},
]


def call(method, url, body=None, timeout=10):
    """One request with the agent key; returns (status, parsed JSON or None)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", "Bearer " + KEY)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read()
            return resp.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, None


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


class Agent:
    def __init__(self):
        self.agent_id = None
        self.interval = 10
        self.running = set()
        self.lock = threading.Lock()

    def register(self):
        status, body = call("POST", URL + "/api/agents/register", {
            "name": NAME, "tags": TAGS, "hostname": socket.gethostname(), "address": "0.0.0.0", "port": 0,
            "agent_type": "custom", "task_types": TASK_TYPES})
        if status != 200:
            sys.exit(f"registration refused: HTTP {status} {body}")
        self.agent_id = body["agent_id"]
        self.interval = body.get("heartbeat_interval_secs", 10)
        print(f"registered as {NAME} ({self.agent_id})", flush=True)

    def heartbeat_forever(self):
        stop = threading.Event()
        while not stop.wait(self.interval):
            with self.lock:
                running = list(self.running)
            try:
                status, _ = call("POST", f"{URL}/api/agents/{self.agent_id}/heartbeat",
                                 {"agent_id": self.agent_id, "running_executions": running})
                if status == 404:  # the controller forgot this agent: register again
                    self.register()
            except OSError as e:
                print(f"heartbeat failed: {e}", flush=True)

    def poll(self):
        status, item = call("GET", f"{URL}/api/agent-queue/{self.agent_id}/next?wait={WAIT}", timeout=WAIT + 10)
        if status == 404:
            self.register()
            return None
        return item if status == 200 else None

    def work(self, item):
        started = now()
        with self.lock:
            self.running.add(item["execution_id"])
        try:
            status, code, out, err = run(item["task"], item.get("timeout_secs"))
        finally:
            with self.lock:
                self.running.discard(item["execution_id"])
        report = {"execution_id": item["execution_id"], "job_id": item["job_id"], "agent_id": self.agent_id,
                  "status": status, "exit_code": code, "stdout": out, "stderr": err,
                  "stdout_truncated": False, "stderr_truncated": False,
                  "started_at": started, "finished_at": now()}
        answer, body = call("POST", item["callback_url"], report)
        print(f"execution {item['execution_id']}: {status}; controller answered {answer} {body or ''}", flush=True)


# What a task's process gets of this agent's environment (docs/SECURITY.md): never the agent key.
TASK_ENV_BASE = {"PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "TZ", "TMPDIR"}


def task_env():
    return {k: v for k, v in os.environ.items()
            if not k.startswith("KRONFORCE_") and (k in TASK_ENV_BASE or k.startswith("LC_"))}


def run(task, timeout):
    """Returns (status, exit_code, stdout, stderr)."""
    kind = task.get("type")
    if kind == "custom":
        kind, task = task.get("agent_task_type"), task.get("data") or {}
    if kind == "echo":
        return "succeeded", 0, str(task.get("text", "")) + "\n", ""
    if kind == "shell":
        try:
            p = subprocess.run(["sh", "-c", task.get("command", "")], capture_output=True, text=True,
                               timeout=timeout or None, env=task_env())
            return ("succeeded" if p.returncode == 0 else "failed"), p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            return "timed_out", None, "", f"job timed out after {timeout}s"
    return "failed", None, "", f"this agent does not take task type {kind!r}"


def main():
    if not KEY:
        sys.exit("set KRONFORCE_AGENT_KEY to an API key with the agent role")
    agent = Agent()
    agent.register()
    threading.Thread(target=agent.heartbeat_forever, daemon=True).start()
    while True:
        try:
            item = agent.poll()
        except OSError as e:
            print(f"poll failed: {e}", flush=True)
            threading.Event().wait(2)
            continue
        if item:
            agent.work(item)
            if ONCE:
                return


if __name__ == "__main__":
    main()
