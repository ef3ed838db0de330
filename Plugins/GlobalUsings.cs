// The namespaces every file of the plug-in assembly uses; a file adds only what is particular to it.
global using System;
global using System.Collections.Generic;
global using System.Globalization;
global using System.Linq;
global using System.ServiceModel;
global using System.Text;
global using AccountPlanXrm.Plugins.Infrastructure;
global using AccountPlanXrm.Plugins.Logic;
global using AccountPlanXrm.Plugins.Model;
global using AccountPlanXrm.Plugins.Resources;
global using Microsoft.Xrm.Sdk;
global using Microsoft.Xrm.Sdk.Query;
