"""Runs a Python Pulumi program through the Automation API as an inline program, for the engine tests.

No Python language host exists for the engine the tests build, so the program runs in this process: the
Automation API serves the language runtime itself and drives the `pulumi` CLI found first on PATH.

Usage: python run_inline_program.py REQUEST.json RESULT.json, where the request is
  {"program": path of the program's __main__.py, "workDir", "project", "stack",
   "config": {key: {"value", "secret"}}, "operations": ["preview", "up", "destroy", ...]}
and the result is {"preview": {"stackOutputs"}, "up": {"outputs": {name: {"value", "secret"}}, "summary"}, ...}
or {"error": text} when an operation fails.
"""

import json
import runpy
import sys
import traceback

from pulumi import automation as auto


def main(request_file: str, result_file: str) -> None:
    with open(request_file, encoding="utf-8") as f:
        request = json.load(f)
    result: dict = {}

    def program() -> None:
        runpy.run_path(request["program"], run_name="__main__")

    try:
        settings = auto.ProjectSettings(name=request["project"], runtime="python")
        stack = auto.create_or_select_stack(
            stack_name=request["stack"],
            project_name=request["project"],
            program=program,
            opts=auto.LocalWorkspaceOptions(work_dir=request["workDir"], project_settings=settings),
        )
        for key, entry in request.get("config", {}).items():
            stack.set_config(key, auto.ConfigValue(value=entry["value"], secret=entry.get("secret", False)))
        for operation in request["operations"]:
            if operation == "preview":
                events: list = []
                stack.preview(on_event=events.append)
                result["preview"] = {"stackOutputs": stack_outputs_of(events)}
            elif operation == "up":
                up = stack.up()
                result["up"] = {
                    "outputs": {name: {"value": out.value, "secret": out.secret} for name, out in up.outputs.items()},
                    "summary": up.summary.resource_changes,
                }
            elif operation == "destroy":
                destroyed = stack.destroy()
                result["destroy"] = {"summary": destroyed.summary.resource_changes}
            else:
                raise ValueError(f"unknown operation {operation}")
    except Exception as error:  # reported to the test, which shows it
        result["error"] = f"{error}\n{traceback.format_exc()}"
    with open(result_file, "w", encoding="utf-8") as f:
        json.dump(result, f, default=str)


def stack_outputs_of(events: list) -> dict | None:
    """The outputs the program registered on its stack, from the engine's events (the last such event)."""
    outputs = None
    for event in events:
        res_outputs = event.res_outputs_event
        if res_outputs is not None and res_outputs.metadata.type == "pulumi:pulumi:Stack" and res_outputs.metadata.new is not None:
            outputs = res_outputs.metadata.new.outputs
    return outputs


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
