namespace ClbPowerShell.Emulator.Protocol;

/// <summary>The error codes the emulator answers with, spelled exactly as the CLB API 3.0 documents them
/// (common error codes, CLB service error codes, signature failure codes).</summary>
public static class ErrorCodes
{
    // Authentication (signature failure table, common error codes)
    public const string InvalidAuthorization = "AuthFailure.InvalidAuthorization";
    public const string SecretIdNotFound = "AuthFailure.SecretIdNotFound";
    public const string SignatureFailure = "AuthFailure.SignatureFailure";
    public const string SignatureExpire = "AuthFailure.SignatureExpire";
    public const string TokenFailure = "AuthFailure.TokenFailure";

    // Protocol
    public const string InvalidAction = "InvalidAction";
    public const string NoSuchVersion = "NoSuchVersion";
    public const string MissingParameter = "MissingParameter";
    public const string UnsupportedProtocol = "UnsupportedProtocol";
    public const string RequestSizeLimitExceeded = "RequestSizeLimitExceeded";
    public const string RequestLimitExceeded = "RequestLimitExceeded";
    public const string InternalError = "InternalError";

    // Parameters
    public const string InvalidParameter = "InvalidParameter";
    public const string FormatError = "InvalidParameter.FormatError";
    public const string InvalidParameterValue = "InvalidParameterValue";
    public const string ValueLength = "InvalidParameterValue.Length";
    public const string ValueRange = "InvalidParameterValue.Range";
    public const string ValueDuplicate = "InvalidParameterValue.Duplicate";
    public const string InvalidFilter = "InvalidParameterValue.InvalidFilter";

    // References and state (CLB service error codes)
    public const string LBIdNotFound = "InvalidParameter.LBIdNotFound";
    public const string ListenerIdNotFound = "InvalidParameter.ListenerIdNotFound";
    public const string LocationNotFound = "InvalidParameter.LocationNotFound";
    public const string PortCheckFailed = "InvalidParameter.PortCheckFailed";
    public const string ProtocolCheckFailed = "InvalidParameter.ProtocolCheckFailed";
    public const string FailedOperation = "FailedOperation";
    public const string ResourceInOperating = "FailedOperation.ResourceInOperating";
    public const string InvalidLBStatus = "FailedOperation.InvalidLBStatus";
    public const string LimitExceeded = "LimitExceeded";
    public const string ResourceNotFound = "ResourceNotFound";
}

/// <summary>Thrown by handlers and parameter readers; the pipeline turns it into a Response.Error.</summary>
public sealed class ClbException : Exception
{
    public ClbException(string code, string message) : base(message) { Code = code; }
    public string Code { get; }

    public static ClbException Missing(string name) =>
        new(ErrorCodes.MissingParameter, $"The request is missing a required parameter `{name}`.");
    public static ClbException Format(string name, string expected) =>
        new(ErrorCodes.FormatError, $"The parameter `{name}` must be {expected}.");
    public static ClbException Value(string name, object? value, string rule) =>
        new(ErrorCodes.InvalidParameterValue, $"The value `{value}` of parameter `{name}` is invalid: {rule}.");
    public static ClbException Length(string name, int count, int max) =>
        new(ErrorCodes.ValueLength, $"The parameter `{name}` has {count} elements; at most {max} are allowed.");
    public static ClbException LbNotFound(string id) =>
        new(ErrorCodes.LBIdNotFound, $"The load balancer `{id}` does not exist.");
    public static ClbException ListenerNotFound(string id) =>
        new(ErrorCodes.ListenerIdNotFound, $"The listener `{id}` does not exist.");
    public static ClbException LocationNotFound(string what) =>
        new(ErrorCodes.LocationNotFound, $"No forwarding rule matches {what}.");
}
