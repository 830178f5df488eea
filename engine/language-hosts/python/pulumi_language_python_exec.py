"""Runs a Python Pulumi program for this engine's `pulumi-language-python` (engine/language-hosts/python/main.ts).

Pulumi's CLI release ships its own exec script beside its Python host; no package registry serves either. This
stand-in reads the flags the host passes (those of Pulumi's host: --monitor, --engine, --project, --stack,
--root_directory, --pwd, --dry_run, --parallel, --organization, then the program and its arguments), loads the
stack's config from PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS, configures `pulumi.runtime`, and runs the program
as `__main__` inside the stack resource on an asyncio loop.

An error of the program is logged to the engine (a RunError as its message alone, anything else with its Python
traceback) and the script exits 32, which the host answers with `bail`: the engine shows what was logged and
adds nothing.
"""

import argparse
import asyncio
import os
import runpy
import sys
import traceback

ALREADY_REPORTED = 32


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="pulumi-language-python-exec")
    parser.add_argument("--monitor", required=True)
    parser.add_argument("--engine", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--stack", required=True)
    parser.add_argument("--root_directory", default=None)
    parser.add_argument("--pwd", default=None)
    parser.add_argument("--dry_run", default="false", choices=["true", "false"])
    parser.add_argument("--parallel", type=int, default=None)
    parser.add_argument("--tracing", default=None)
    parser.add_argument("--organization", default=None)
    parser.add_argument("PROGRAM")
    parser.add_argument("ARGS", nargs=argparse.REMAINDER)
    return parser.parse_args(argv)


def program_path(program, pwd):
    """The program's file or folder (a folder runs its __main__.py), absolute."""
    path = program if os.path.isabs(program) else os.path.join(pwd or os.getcwd(), program)
    return os.path.normpath(path)


def main(argv):
    arguments = parse_arguments(argv)
    if arguments.pwd:
        os.chdir(arguments.pwd)
    program = program_path(arguments.PROGRAM, arguments.pwd)
    # As `python PROGRAM ARGS`: the program's folder first on sys.path, its arguments in sys.argv.
    sys.path.insert(0, program if os.path.isdir(program) else os.path.dirname(program))
    sys.argv = [program, *arguments.ARGS]

    import pulumi
    import pulumi.runtime
    from pulumi.errors import RunError

    pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
    pulumi.runtime.configure(
        pulumi.runtime.Settings(
            project=arguments.project,
            stack=arguments.stack,
            monitor=arguments.monitor,
            engine=arguments.engine,
            parallel=arguments.parallel,
            dry_run=arguments.dry_run == "true",
            organization=arguments.organization,
            root_directory=arguments.root_directory,
        )
    )

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    exit_code = 0
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(program, run_name="__main__")))
    except RunError as error:
        pulumi.log.error(str(error))
        exit_code = ALREADY_REPORTED
    except Exception:  # the program's own failure: shown with its traceback, as Pulumi's host shows it
        pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
        exit_code = ALREADY_REPORTED
    finally:
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    return exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
