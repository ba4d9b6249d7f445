import { createServer, type Socket } from 'node:net';

export interface ReceivedEmail {
  from: string;
  to: string[];
  /** The raw message as sent (headers and body, dot-unstuffed). */
  data: string;
}

export interface FakeSmtpServer {
  /** An smtp:// URL on loopback, for SMTP_URL. */
  url: string;
  /** Every message accepted so far, in order. */
  messages: ReceivedEmail[];
  /** The next `count` recipients are refused with a temporary failure (451), as by a server in trouble. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/**
 * A mail server for the production profile of the tests: it speaks just enough SMTP (EHLO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT — no TLS, no auth) for nodemailer to deliver, accepts every message and keeps it in `messages`.
 */
export async function startFakeSmtp(): Promise<FakeSmtpServer> {
  const messages: ReceivedEmail[] = [];
  const sockets = new Set<Socket>();
  let refusals = 0;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    let buffer = '';
    let envelope: { from: string; to: string[] } = { from: '', to: [] };
    let dataLines: string[] | undefined;
    const reply = (line: string) => socket.write(`${line}\r\n`);

    const onLine = (line: string) => {
      if (dataLines) {
        if (line === '.') {
          messages.push({ ...envelope, data: dataLines.join('\r\n') });
          envelope = { from: '', to: [] };
          dataLines = undefined;
          reply('250 2.0.0 queued');
        } else dataLines.push(line.startsWith('..') ? line.slice(1) : line);
        return;
      }
      const command = line.slice(0, 4).toUpperCase();
      const argument = line
        .slice(line.indexOf(':') + 1)
        .trim()
        .replace(/^<|>.*$/g, '');
      switch (command) {
        case 'EHLO':
          return reply('250-fake-smtp.test\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING');
        case 'HELO':
          return reply('250 fake-smtp.test');
        case 'MAIL':
          envelope = { from: argument, to: [] };
          return reply('250 2.1.0 OK');
        case 'RCPT':
          if (refusals > 0) {
            refusals -= 1;
            return reply('451 4.3.0 Try again later');
          }
          envelope.to.push(argument);
          return reply('250 2.1.5 OK');
        case 'DATA':
          if (envelope.to.length === 0) return reply('554 5.5.1 No valid recipients');
          dataLines = [];
          return reply('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          envelope = { from: '', to: [] };
          return reply('250 2.0.0 OK');
        case 'NOOP':
          return reply('250 2.0.0 OK');
        case 'QUIT':
          reply('221 2.0.0 Bye');
          return socket.end();
        default:
          return reply('502 5.5.2 Command not implemented');
      }
    };

    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        onLine(line);
      }
    });
    reply('220 fake-smtp.test ESMTP ready');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port } = server.address() as { port: number };

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count) => {
      refusals = count;
    },
    // Stops listening; a conversation under way ends on its own, its socket unreferenced.
    close: async () => {
      server.close();
      for (const socket of sockets) socket.unref();
    },
  };
}

let fileServer: FakeSmtpServer | undefined;

/** The fake SMTP server of the running test file (production profile only; see test-profile.setup.ts). */
export function fileFakeSmtp(): FakeSmtpServer | undefined {
  return fileServer;
}

export function setFileFakeSmtp(server: FakeSmtpServer | undefined): void {
  fileServer = server;
}
