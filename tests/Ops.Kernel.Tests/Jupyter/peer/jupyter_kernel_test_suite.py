"""The Jupyter project's own kernel test suite (jupyter_kernel_test) against the ops-csharp kernel.

usage: python3 -m unittest -v jupyter_kernel_test_suite   (the kernelspec must be findable: JUPYTER_PATH)
Every test the suite has gets a C# sample, so none is skipped.
"""
import unittest

import jupyter_kernel_test as jkt


class OpsCSharpKernelTests(jkt.KernelTests):
    kernel_name = "ops-csharp"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The suite gives each request 15 s; the first cell pays for Roslyn's start, which on a loaded
        # machine can take longer. Run it once before the tests.
        reply = cls.kc.execute_interactive("1", timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
    language_name = "csharp"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("to stderr");'

    completion_samples = [
        {"text": "Console.WriteL", "matches": {"WriteLine"}},
        {"text": "var zebra = 1; zeb", "matches": {"zebra"}},
    ]

    complete_code_samples = ["1", "var x = 1;", "try { } catch { }", "if (true) { }"]
    incomplete_code_samples = ["if (true) {", "Foo(1,", "class A {", 'var s = @"open']
    invalid_code_samples = ["}", "var x = 1);", "1 2", "int y = ;"]

    code_page_something = 'Page("text for the pager");'

    code_generate_error = 'throw new InvalidOperationException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"ab" + "cd"', "result": "abcd"},
        {"code": "new[] { 1, 2, 3 }.Sum()", "result": "6"},
    ]

    code_display_data = [
        {"code": 'display(HTML("<b>bold</b>"));', "mime": "text/html"},
        {"code": 'display(Markdown("# Title"));', "mime": "text/markdown"},
        {"code": 'display(SVG("<svg xmlns=\\"http://www.w3.org/2000/svg\\"/>"));', "mime": "image/svg+xml"},
        {"code": 'display(JSON(new { a = 1 }));', "mime": "application/json"},
    ]

    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Console.WriteLine"

    code_clear_output = 'Console.WriteLine("before"); ClearOutput(); Console.Clear();'


if __name__ == "__main__":
    unittest.main()
