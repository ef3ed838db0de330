namespace AccountPlanXrm.Emulator;

/// <summary>
/// The rows every organization starts with: the root business unit, SYSTEM, the default calling user, the base
/// currency, the organization, and the security roles with their assignments as rows.
/// </summary>
internal static class InitialRows
{
    public static void Insert(XrmEmulator emulator, DataStore store, EmulatorBuilder builder)
    {
        var now = emulator.Now;
        var system = new EntityReference("systemuser", emulator.SystemUserId);

        Entity Stamp(Entity e)
        {
            e["createdon"] = now;
            e["modifiedon"] = now;
            e["createdby"] = system;
            e["modifiedby"] = system;
            return e;
        }

        void Add(string table, Entity row) => store.Insert(store.GetTable(table)!, Stamp(row));

        var rootBusinessUnit = emulator.RootBusinessUnitId;
        Add("businessunit", new Entity("businessunit", rootBusinessUnit) { ["businessunitid"] = rootBusinessUnit, ["name"] = builder.BusinessUnitName, ["isdisabled"] = false });

        var buRef = new EntityReference("businessunit", rootBusinessUnit);
        Add("systemuser", new Entity("systemuser", emulator.SystemUserId)
        {
            ["systemuserid"] = emulator.SystemUserId,
            ["fullname"] = "SYSTEM",
            ["lastname"] = "SYSTEM",
            ["businessunitid"] = buRef,
            ["isdisabled"] = false,
        });

        if (emulator.CallingUserId != emulator.SystemUserId)
        {
            Add("systemuser", new Entity("systemuser", emulator.CallingUserId)
            {
                ["systemuserid"] = emulator.CallingUserId,
                ["firstname"] = builder.CallingUserFirstName,
                ["lastname"] = builder.CallingUserLastName,
                ["fullname"] = $"{builder.CallingUserFirstName} {builder.CallingUserLastName}".Trim(),
                ["businessunitid"] = buRef,
                ["isdisabled"] = false,
            });
        }

        Add("transactioncurrency", new Entity("transactioncurrency", emulator.BaseCurrencyId)
        {
            ["transactioncurrencyid"] = emulator.BaseCurrencyId,
            ["currencyname"] = "US Dollar",
            ["isocurrencycode"] = "USD",
            ["currencysymbol"] = "$",
            ["exchangerate"] = 1m,
            ["currencyprecision"] = 2,
            ["statecode"] = new OptionSetValue(0),
            ["statuscode"] = new OptionSetValue(1),
        });
        if (store.GetTable("organization") != null)
        {
            Add("organization", new Entity("organization", emulator.OrganizationId)
            {
                ["organizationid"] = emulator.OrganizationId,
                ["name"] = emulator.OrganizationName,
                ["basecurrencyid"] = new EntityReference("transactioncurrency", emulator.BaseCurrencyId),
            });
        }

        // Security roles as rows (role, systemuserroles, teamroles), so plug-ins can ask who holds which role: the
        // solution's roles and System Administrator in the root business unit; SYSTEM and the default calling user hold
        // System Administrator (EnableSecurity keeps the rows in step with role assignments).
        if (store.GetTable("role") is { } roles)
        {
            foreach (var role in RoleCatalog.Load(emulator.Solution.Folder).Values.Append(SecurityRole.SystemAdministrator))
            {
                if (role.Id != Guid.Empty && roles.Find(role.Id) == null)
                {
                    Add("role", new Entity("role", role.Id) { ["roleid"] = role.Id, ["name"] = role.Name, ["businessunitid"] = buRef });
                }
            }

            SetRoleRow(store, emulator.SystemUserId, SecurityRole.SystemAdministratorId, team: false, assigned: true);
            SetRoleRow(store, emulator.CallingUserId, SecurityRole.SystemAdministratorId, team: false, assigned: true);
        }

        store.CommitAll();
    }

    /// <summary>Adds or removes the row of a role assignment (systemuserroles for a user, teamroles for a team), with a stable id.</summary>
    public static void SetRoleRow(DataStore store, Guid principalId, Guid roleId, bool team, bool assigned)
    {
        var (tableName, principalColumn) = team ? ("teamroles", "teamid") : ("systemuserroles", "systemuserid");
        if (store.GetTable(tableName) is not { } table || roleId == Guid.Empty)
        {
            return;
        }

        var existing = table.RowsByIndex(principalColumn, principalId)
            .FirstOrDefault(r => !r.Deleted && r.Entity.Attributes.TryGetValue("roleid", out var v) && v is Guid g && g == roleId);
        if (assigned && existing == null)
        {
            var id = new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{tableName}:{principalId}:{roleId}")));
            store.Insert(table, new Entity(tableName, id) { [table.Metadata.PrimaryIdAttribute] = id, [principalColumn] = principalId, ["roleid"] = roleId });
        }
        else if (!assigned && existing != null)
        {
            store.Delete(table, existing);
        }
    }
}
