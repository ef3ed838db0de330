// The namespaces nearly every apx command, demo step and benchmark uses: the SDK's data and query types, invariant
// formatting and the command-line plumbing.
global using System.Globalization;
global using System.ServiceModel;
global using AccountPlanXrm.Tools.Cli;
global using AccountPlanXrm.Tools.Demo.Story;
global using Microsoft.Xrm.Sdk;
global using Microsoft.Xrm.Sdk.Messages;
global using Microsoft.Xrm.Sdk.Query;
