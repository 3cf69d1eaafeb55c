import "../helpers/test-db";
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "../../db/client";
import { outbox } from "../../db/schema";
import { enqueueEmail } from "../../app/models/outbox.server";
import { startOutboxDelivery } from "../../app/models/mail-delivery.server";
import { startSmtpSink } from "../helpers/smtp-sink";

describe("outbox delivery over SMTP", () => {
  const sink = startSmtpSink(0);
  after(() => sink.close());

  it("delivers queued mail to a real SMTP server and marks it sent", async () => {
    const port = await sink.ready;
    const id = enqueueEmail(db, {
      networkId: null,
      to: "mottaker@etat.example",
      subject: "Invitasjon til Ukraina-samarbeidet",
      text: "Hei!\nÆ, ø og å kommer fram.",
    });
    const delivery = startOutboxDelivery(`smtp://127.0.0.1:${port}`, 60_000);
    try {
      await delivery.flush();
      const message = sink.messages.find((m) => m.to.includes("mottaker@etat.example"));
      assert.ok(message, "the SMTP server received the message");
      assert.equal(message.subject, "Invitasjon til Ukraina-samarbeidet");
      assert.match(message.text, /Æ, ø og å kommer fram/);
      const row = db.select().from(outbox).where(eq(outbox.id, id)).get()!;
      assert.ok(row.sentAt, "marked as sent");
      await delivery.flush();
      assert.equal(sink.messages.filter((m) => m.to.includes("mottaker@etat.example")).length, 1, "sent once only");
    } finally {
      await delivery.stop();
    }
  });

  it("keeps mail for a later attempt when the server cannot be reached", async () => {
    const id = enqueueEmail(db, { networkId: null, to: "senere@etat.example", subject: "Test", text: "Test" });
    // Port 9 on loopback: nothing listens there, the connection is refused at once.
    const delivery = startOutboxDelivery("smtp://127.0.0.1:9", 60_000);
    try {
      await delivery.flush();
      const row = db.select().from(outbox).where(eq(outbox.id, id)).get()!;
      assert.equal(row.sentAt, null);
      assert.equal(row.attempts, 1);
      assert.ok(row.lastError);
      assert.ok(row.nextAttemptAt && row.nextAttemptAt.getTime() > Date.now(), "retried later, not in a tight loop");
    } finally {
      await delivery.stop();
    }
  });
});
