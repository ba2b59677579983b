using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Generators.Tests;

/// <summary>The shapes of the attribute's options that choose circuits and rules: rate rules and per-argument scopes.</summary>
public static partial class ShapeCases
{
    private static Dictionary<string, (string, LanguageVersion)> WithOptionShapes(Dictionary<string, (string, LanguageVersion)> shapes)
    {
        foreach (var (name, shape) in new Dictionary<string, (string, LanguageVersion)>(StringComparer.Ordinal)
        {
            ["RateRules"] = ("""
                using Brama;

                namespace Shop
                {
                    public partial class SearchClient
                    {
                        [CircuitBreaker("search_api", FailureRatio = 0.5, MinimumThroughput = 20, SamplingDurationMilliseconds = 10000,
                            SlowCallMilliseconds = 2000, SlowCallRatio = 0.8)]
                        public partial int Search(string query);

                        private int SearchCore(string query) => query.Length;

                        [CircuitBreaker("index_api", MaxAttempts = 2147483647, FailureRatio = 0.25, SamplingCalls = 100)]
                        public partial int Index(string document);

                        private int IndexCore(string document) => document.Length;
                    }
                }
                """, LanguageVersion.CSharp9),

            ["ScopeParameters"] = ("""
                using System.Threading.Tasks;
                using Brama;

                namespace Shop
                {
                    public enum Region { Eu, Us }

                    public partial class InventoryClient
                    {
                        [CircuitBreaker("inventory_api", ScopeParameter = nameof(region))]
                        public partial int GetStock(string region, int sku);

                        private int GetStockCore(string region, int sku) => sku;

                        [CircuitBreaker("inventory_api", ScopeParameter = nameof(warehouse), MaxAttempts = 3)]
                        public partial Task<int> CountAsync(int warehouse);

                        private Task<int> CountAsyncCore(int warehouse) => Task.FromResult(warehouse);

                        [CircuitBreaker("shipping_api", ScopeParameter = nameof(region))]
                        public partial void Ship(Region region, in long parcel);

                        private void ShipCore(Region region, in long parcel) { }

                        [CircuitBreaker("pricing_api", ScopeParameter = nameof(tenant))]
                        public partial decimal Price(int? tenant, string? code);

                        private decimal PriceCore(int? tenant, string? code) => 1m;
                    }
                }
                """, LanguageVersion.CSharp9),
        })
        {
            shapes.Add(name, shape);
        }

        return shapes;
    }
}
