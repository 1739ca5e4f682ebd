namespace EsgTrace.Hosting;

/// <summary>
/// A setting stops the platform from starting (an occupied port, an impossible value). Its message says what to change;
/// the portal and the silo print it alone, without a stack trace, and exit with code 2.
/// </summary>
public sealed class StartupConfigurationException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
