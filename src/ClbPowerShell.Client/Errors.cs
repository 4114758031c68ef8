using System;
using System.Net;

namespace ClbPowerShell.Client
{
    /// <summary>Base of every failure the client reports. Messages never contain secrets.</summary>
    public class ClbException : Exception
    {
        public ClbException(string message, Exception? inner = null) : base(message, inner) { }
        public string? Action { get; set; }
        public string? Endpoint { get; set; }
        public string? RequestId { get; set; }
    }

    /// <summary>The service answered with Response.Error.</summary>
    public sealed class ClbApiException : ClbException
    {
        public ClbApiException(string code, string errorMessage, string? requestId, string? action, string? endpoint, HttpStatusCode? httpStatus = null)
            : base(Describe(code, errorMessage, requestId, action))
        {
            Code = code;
            ErrorMessage = errorMessage;
            RequestId = requestId;
            Action = action;
            Endpoint = endpoint;
            HttpStatus = httpStatus;
        }

        /// <summary>The Tencent Cloud error code, e.g. InvalidParameter.LBIdNotFound.</summary>
        public string Code { get; }
        /// <summary>The service's own message for the error.</summary>
        public string ErrorMessage { get; }
        public HttpStatusCode? HttpStatus { get; }

        private static string Describe(string code, string message, string? requestId, string? action) =>
            (action ?? "The request") + " failed: " + code + ": " + message +
            (requestId != null ? " (RequestId " + requestId + ")" : "");
    }

    /// <summary>The response could not be understood: empty, not JSON, HTML, truncated, or neither result nor error.</summary>
    public sealed class ClbProtocolException : ClbException
    {
        public ClbProtocolException(string message, HttpStatusCode? httpStatus, Exception? inner = null) : base(message, inner)
        {
            HttpStatus = httpStatus;
        }
        public HttpStatusCode? HttpStatus { get; }
    }

    /// <summary>The request did not complete: network failure or timeout.</summary>
    public sealed class ClbTransportException : ClbException
    {
        public ClbTransportException(string message, bool requestMayHaveBeenApplied, bool timedOut, Exception? inner = null) : base(message, inner)
        {
            RequestMayHaveBeenApplied = requestMayHaveBeenApplied;
            TimedOut = timedOut;
        }
        /// <summary>False when the failure shows the service never received the request (e.g. connection refused).</summary>
        public bool RequestMayHaveBeenApplied { get; }
        public bool TimedOut { get; }
    }

    /// <summary>Configuration that stops everything: a malformed endpoint or region, insecure transport.</summary>
    public sealed class ClbConfigurationException : ClbException
    {
        public ClbConfigurationException(string message, string? parameterName = null) : base(message)
        {
            ParameterName = parameterName;
        }
        public string? ParameterName { get; }
    }
}
