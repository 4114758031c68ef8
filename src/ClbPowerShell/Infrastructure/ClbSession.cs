using System.Threading;
using ClbPowerShell.Client;

namespace ClbPowerShell.Infrastructure
{
    /// <summary>
    /// The Connect-Clb default. Holds one immutable ClbContext that is swapped whole, never edited, so a
    /// cmdlet running in another runspace keeps the context it started with.
    /// </summary>
    public static class ClbSession
    {
        private static ClbContext? _current;

        public static ClbContext? Current => Volatile.Read(ref _current);

        public static void Set(ClbContext? context) => Volatile.Write(ref _current, context);
    }
}
