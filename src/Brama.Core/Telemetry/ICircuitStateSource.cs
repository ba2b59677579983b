namespace Brama;

/// <summary>A set of connections whose circuit state the <c>brama.circuit.state</c> gauge reports (a registry).</summary>
internal interface ICircuitStateSource
{
    IReadOnlyList<ConnectionStatus> Connections { get; }
}
