using System;
using System.Management.Automation;
using ClbPowerShell.Client;
using ClbPowerShell.Client.Operations;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>Turns client failures into ErrorRecords: the Tencent code as the error id, a fitting category.</summary>
    public static class ErrorMapping
    {
        public static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            switch (exception)
            {
                case ClbApiException api:
                    return new ErrorRecord(api, api.Code, Categorize(api.Code), target);
                case ClbTaskFailedException failed:
                    return new ErrorRecord(failed, "TaskFailed", ErrorCategory.OperationStopped, target ?? failed.Task);
                case ClbTaskTimeoutException timeout:
                    return new ErrorRecord(timeout, "TaskTimeout", ErrorCategory.OperationTimeout, target ?? timeout.Task);
                case ClbTransportException transport:
                    return new ErrorRecord(transport, transport.TimedOut ? "RequestTimeout" : "ConnectionFailed",
                        transport.TimedOut ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError, target);
                case ClbProtocolException protocol:
                    return new ErrorRecord(protocol, "InvalidResponse", ErrorCategory.InvalidResult, target);
                case ClbConfigurationException configuration:
                    return new ErrorRecord(configuration, "InvalidConfiguration", ErrorCategory.InvalidArgument, target);
                case ArgumentException argument:
                    return new ErrorRecord(argument, "InvalidArgument", ErrorCategory.InvalidArgument, target);
                default:
                    return new ErrorRecord(exception, exception.GetType().Name, ErrorCategory.NotSpecified, target);
            }
        }

        /// <summary>Maps a Tencent error code to the PowerShell category a script would filter on.</summary>
        public static ErrorCategory Categorize(string code)
        {
            if (code.StartsWith("AuthFailure", StringComparison.Ordinal)) return ErrorCategory.SecurityError;
            if (code.StartsWith("UnauthorizedOperation", StringComparison.Ordinal) || code.StartsWith("OperationDenied", StringComparison.Ordinal))
                return ErrorCategory.PermissionDenied;
            if (code.EndsWith("NotFound", StringComparison.Ordinal) || code.StartsWith("ResourceNotFound", StringComparison.Ordinal) ||
                code.StartsWith("ResourceUnavailable", StringComparison.Ordinal))
                return ErrorCategory.ObjectNotFound;
            if (code.StartsWith("LimitExceeded", StringComparison.Ordinal) || code.StartsWith("ResourceInsufficient", StringComparison.Ordinal))
                return ErrorCategory.QuotaExceeded;
            if (code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal)) return ErrorCategory.LimitsExceeded;
            if (code.StartsWith("MissingParameter", StringComparison.Ordinal) || code.StartsWith("InvalidParameter", StringComparison.Ordinal) ||
                code.StartsWith("UnknownParameter", StringComparison.Ordinal) || code == "InvalidAction" || code == "NoSuchVersion")
                return ErrorCategory.InvalidArgument;
            if (code.StartsWith("ResourceInUse", StringComparison.Ordinal) || code == "FailedOperation.ResourceInOperating" ||
                code.StartsWith("ResourceInOperating", StringComparison.Ordinal))
                return ErrorCategory.ResourceBusy;
            if (code.StartsWith("FailedOperation", StringComparison.Ordinal)) return ErrorCategory.InvalidOperation;
            if (code.StartsWith("Internal", StringComparison.Ordinal) || code == "ServiceUnavailable") return ErrorCategory.ConnectionError;
            return ErrorCategory.NotSpecified;
        }
    }
}
