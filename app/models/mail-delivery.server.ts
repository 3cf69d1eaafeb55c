import nodemailer from "nodemailer";
import { loadConfig } from "~/utils/config.server";
import { logger } from "~/utils/logger.server";
import { dueEmails, markFailed, markSent, outboxEvents } from "./outbox.server";

export interface Delivery {
  /** Delivers what is due now; resolves when done. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Delivers the outbox through SMTP when a server is configured (SMTP_URL, e.g.
 * smtp://user:pass@mail.example:587). Without one, mail stays in the outbox for facilitators to read.
 */
export function startOutboxDelivery(smtpUrl: string | null, pollMs = 5_000): Delivery {
  if (!smtpUrl) return { flush: async () => 0, stop: async () => {} };
  const transport = nodemailer.createTransport(smtpUrl);
  const from = loadConfig().mailFrom;
  // Rounds run one after another: a flush while one runs waits for it and then runs again.
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function deliverDue(): Promise<number> {
    let sent = 0;
    for (const email of dueEmails()) {
      if (stopped) break;
      try {
        await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text });
        markSent(email.id);
        sent++;
      } catch (error) {
        markFailed(email.id, email.attempts, (error as Error).message);
        // The outbox id, not the address or the text: the outbox page shows those to facilitators.
        logger.warn({ outboxId: email.id, attempt: email.attempts + 1, err: (error as Error).message }, "email delivery failed");
      }
    }
    return sent;
  }

  function flush(): Promise<number> {
    const next = chain.then(deliverDue);
    chain = next.catch(() => 0);
    return next;
  }

  const onQueued = () => void flush();
  outboxEvents.on("queued", onQueued);
  const timer = setInterval(onQueued, pollMs);
  timer.unref();
  void flush();

  return {
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      outboxEvents.off("queued", onQueued);
      await chain;
      transport.close();
    },
  };
}
