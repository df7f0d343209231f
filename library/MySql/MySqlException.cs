namespace Ops.MySql;

/// <summary>A typed failure of a MySQL conversation: kind, server error code and SQLSTATE when the server sent one, and the endpoint.</summary>
public sealed class MySqlException : Exception
{
    public MySqlException(MySqlErrorKind kind, string message, string? endpoint = null, int? code = null, string? sqlState = null, Exception? inner = null)
        : base(endpoint is null ? message : $"{endpoint}: {message}", inner)
    {
        Kind = kind;
        Endpoint = endpoint;
        Code = code;
        SqlState = sqlState;
    }

    public MySqlErrorKind Kind { get; }
    /// <summary>host:port of the conversation, when known.</summary>
    public string? Endpoint { get; }
    /// <summary>The server's error number (1290, 1045, ...), null for client-side failures.</summary>
    public int? Code { get; }
    public string? SqlState { get; }

    public const int ErrorReadOnly = 1290;
    public const int ErrorReadOnlyMode = 1836;
    public const int ErrorAccessDenied = 1045;
    public const int ErrorDatabaseAccessDenied = 1044;
    public const int ErrorAccessDeniedNoPassword = 1698;

    public static MySqlErrorKind KindOf(int code) => code switch
    {
        ErrorReadOnly or ErrorReadOnlyMode => MySqlErrorKind.ReadOnly,
        ErrorAccessDenied or ErrorDatabaseAccessDenied or ErrorAccessDeniedNoPassword => MySqlErrorKind.AccessDenied,
        _ => MySqlErrorKind.Server,
    };

    internal MySqlException WithEndpoint(string endpoint) =>
        Endpoint is not null ? this : new MySqlException(Kind, Message, endpoint, Code, SqlState, InnerException);
}
