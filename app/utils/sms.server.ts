import { prisma } from "./db.server";
import { getEnv } from "./env.server";

/**
 * Text messages go through one interface (ADR 021). The local provider, for development and the
 * demo, keeps each message in the outbox administrators read at /admin/outbox and writes it to the
 * log; a real gateway is another implementation chosen by SMS_PROVIDER.
 */
export interface SmsProvider {
  send(mobile: string, text: string): Promise<void>;
}

export const localSmsProvider: SmsProvider = {
  async send(mobile, text) {
    await prisma.outboxMessage.create({ data: { mobile, body: text } });
    console.info(`[sms:local] to ${mobile}: ${text}`);
  },
};

const providers: Record<ReturnType<typeof getEnv>["SMS_PROVIDER"], SmsProvider> = { local: localSmsProvider };

export function smsProvider(): SmsProvider {
  return providers[getEnv().SMS_PROVIDER];
}

export function listOutbox(take = 100) {
  return prisma.outboxMessage.findMany({ orderBy: { id: "desc" }, take, select: { id: true, mobile: true, body: true, createdAt: true } });
}
