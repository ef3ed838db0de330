namespace AccountPlanXrm.Plugins.Model
{
    /// <summary>Security roles and their assignments (systemuserroles, teamroles: the intersect tables).</summary>
    public static class SecurityRoles
    {
        public const string RoleEntity = "role";
        public const string RoleId = "roleid";
        public const string Name = "name";
        public const string UserRoles = "systemuserroles";
        public const string TeamRoles = "teamroles";
        public const string SystemUserId = "systemuserid";
        public const string TeamId = "teamid";

        /// <summary>The roles that may set or change a plan's steering committee.</summary>
        public static readonly string[] CommitteeEditors = { "Account Plan Manager", "Account Plan Administrator", "System Administrator" };

        public static readonly string[] SystemAdministrators = { "System Administrator" };
    }
}
