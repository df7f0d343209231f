namespace Ops.Snmp;

/// <summary>error-status values of a Response PDU (RFC 3416 §3).</summary>
public enum ErrorStatus
{
    NoError = 0, TooBig = 1, NoSuchName = 2, BadValue = 3, ReadOnly = 4, GenErr = 5, NoAccess = 6,
    WrongType = 7, WrongLength = 8, WrongEncoding = 9, WrongValue = 10, NoCreation = 11,
    InconsistentValue = 12, ResourceUnavailable = 13, CommitFailed = 14, UndoFailed = 15,
    AuthorizationError = 16, NotWritable = 17, InconsistentName = 18,
}
