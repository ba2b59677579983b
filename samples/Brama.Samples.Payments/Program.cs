using Brama.Samples.Payments;

var client = new PaymentClient();
for (var order = 1; order <= 3; order++)
{
    Console.WriteLine($"charge(order {order}) -> {client.Charge(order * 10m)}");
}
