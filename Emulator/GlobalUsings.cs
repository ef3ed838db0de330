// The namespaces nearly every part of the emulator uses: the SDK's data, query and message types, the
// emulator's own parts, fault contracts and invariant formatting.
global using Microsoft.Xrm.Sdk;
global using Microsoft.Xrm.Sdk.Query;
global using Microsoft.Xrm.Sdk.Messages;
global using AccountPlanXrm.Emulator.Pipeline;
global using AccountPlanXrm.Emulator.Metadata;
global using AccountPlanXrm.Emulator.Store;
global using AccountPlanXrm.Emulator.Messages;
global using AccountPlanXrm.Emulator.Query;
global using AccountPlanXrm.Emulator.Records;
global using AccountPlanXrm.Emulator.Security;
global using System.Globalization;
global using System.ServiceModel;
