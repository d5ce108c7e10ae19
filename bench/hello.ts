import Fastify from 'fastify';

/**
 * The baseline of the HTTP figures: a bare Fastify hello-world, run as its own process like the
 * real server so both share the machine with the load generator in the same way.
 */
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
