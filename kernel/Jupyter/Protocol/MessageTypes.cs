namespace Ops.Kernel.Jupyter.Protocol;

/// <summary>The msg_type values of the Jupyter messaging protocol (5.3) that this kernel sends or answers.</summary>
public static class MessageTypes
{
    // shell and control requests, and their replies
    public const string ExecuteRequest = "execute_request";
    public const string ExecuteReply = "execute_reply";
    public const string KernelInfoRequest = "kernel_info_request";
    public const string KernelInfoReply = "kernel_info_reply";
    public const string CompleteRequest = "complete_request";
    public const string CompleteReply = "complete_reply";
    public const string InspectRequest = "inspect_request";
    public const string InspectReply = "inspect_reply";
    public const string IsCompleteRequest = "is_complete_request";
    public const string IsCompleteReply = "is_complete_reply";
    public const string HistoryRequest = "history_request";
    public const string HistoryReply = "history_reply";
    public const string CommInfoRequest = "comm_info_request";
    public const string CommInfoReply = "comm_info_reply";
    public const string InterruptRequest = "interrupt_request";
    public const string InterruptReply = "interrupt_reply";
    public const string ShutdownRequest = "shutdown_request";
    public const string ShutdownReply = "shutdown_reply";

    // comms (none are supported: an open is closed at once)
    public const string CommOpen = "comm_open";
    public const string CommMsg = "comm_msg";
    public const string CommClose = "comm_close";

    // stdin
    public const string InputRequest = "input_request";
    public const string InputReply = "input_reply";

    // iopub
    public const string Status = "status";
    public const string Stream = "stream";
    public const string ExecuteInput = "execute_input";
    public const string ExecuteResult = "execute_result";
    public const string DisplayData = "display_data";
    public const string UpdateDisplayData = "update_display_data";
    public const string ClearOutput = "clear_output";
    public const string Error = "error";

    /// <summary>The reply type of a request type (execute_request → execute_reply).</summary>
    public static string ReplyTo(string requestType) =>
        requestType.EndsWith("_request", StringComparison.Ordinal) ? requestType[..^"_request".Length] + "_reply" : requestType + "_reply";
}
