namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>
    /// Amounts in the organization's base currency, the way the platform computes a money column's <c>_base</c> value:
    /// amount / the currency's exchange rate (rate = units of the currency per base unit), rounded to 4 decimals.
    /// Currencies and the organization's base currency are read once per instance (as SYSTEM: currencies are
    /// reference data every user may read).
    /// </summary>
    public sealed class BaseCurrency
    {
        private readonly IOrganizationService service;
        private readonly Dictionary<Guid, KeyValuePair<decimal, string>> currencies = new Dictionary<Guid, KeyValuePair<decimal, string>>();
        private string? baseCode;

        public BaseCurrency(IOrganizationService service)
        {
            this.service = service;
        }

        /// <summary>The ISO code of the organization's base currency.</summary>
        public string BaseCode
        {
            get
            {
                if (baseCode == null)
                {
                    var query = new QueryExpression(Organization.EntityName) { ColumnSet = new ColumnSet(Organization.BaseCurrencyId), TopCount = 1 };
                    var organization = service.RetrieveMultiple(query).Entities;
                    var reference = organization.Count == 0 ? null : organization[0].GetAttributeValue<EntityReference>(Organization.BaseCurrencyId);
                    baseCode = reference == null ? string.Empty : Of(reference).Value;
                }

                return baseCode;
            }
        }

        /// <summary>The amount in base currency (a row without currency is in base currency).</summary>
        public decimal ToBase(decimal amount, EntityReference? currency)
        {
            if (currency == null || currency.Id == Guid.Empty)
            {
                return amount;
            }

            var rate = Of(currency).Key;
            return Math.Round(amount / rate, 4, MidpointRounding.AwayFromZero);
        }

        /// <summary>The ISO code of a currency (the base currency's when none is given).</summary>
        public string Code(EntityReference? currency) =>
            currency == null || currency.Id == Guid.Empty ? BaseCode : Of(currency).Value;

        /// <summary>Rate (key) and ISO code (value) of a currency.</summary>
        private KeyValuePair<decimal, string> Of(EntityReference currency)
        {
            if (!currencies.TryGetValue(currency.Id, out var known))
            {
                var row = service.Retrieve(Currency.EntityName, currency.Id, new ColumnSet(Currency.ExchangeRate, Currency.IsoCode));
                var rate = row.GetAttributeValue<decimal?>(Currency.ExchangeRate) ?? 1m;
                known = new KeyValuePair<decimal, string>(rate == 0m ? 1m : rate, row.GetAttributeValue<string>(Currency.IsoCode) ?? string.Empty);
                currencies[currency.Id] = known;
            }

            return known;
        }
    }
}
