namespace Matchmaking.Application.Common;

/// <summary>A business rule refused the operation. <see cref="Code"/> is a stable key the UI localises;
/// the message is a readable fallback (Chinese first, as the portal's users read it).</summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The actor may not do this to this resource. Thrown by services after the same check the UI uses.</summary>
public sealed class AccessDeniedException(string message = "无权执行此操作 (access denied)")
    : DomainException("access_denied", message);

public sealed class NotFoundException(string what) : DomainException("not_found", $"未找到: {what}");

/// <summary>Optimistic concurrency: someone else saved the same record first.</summary>
public sealed class ConcurrencyConflictException()
    : DomainException("concurrency", "该记录已被他人修改，请刷新后重试 (the record was changed by someone else; reload and retry)");

/// <summary>Field-by-field validation problems, keyed by the content property.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string> errors)
    : DomainException("validation", string.Join("；", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
