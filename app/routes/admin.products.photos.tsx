import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, SubmitButton } from "~/components/admin/form-fields";
import { PhotoProblems, type ShownPhotoProblem } from "~/components/admin/photo-problems";
import { importPhotoZip, MAX_ZIP_UNCOMPRESSED } from "~/models/photo-zip.server";
import { requireAdmin } from "~/utils/auth.server";
import { readUpload } from "~/utils/upload.server";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction = () => [{ title: "批量上传照片 · 管理后台" }];

/** The zip itself may be at most this large (its contents are bounded separately while reading). */
const MAX_ZIP_BYTES = 200 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

const fail = (problems: ShownPhotoProblem[], status = 400) => data({ problems }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const upload = await readUpload(request, { maxFileBytes: Math.min(MAX_ZIP_BYTES, MAX_ZIP_UNCOMPRESSED) });
  if (!upload.ok) return fail([{ file: "", message: upload.problem.message, params: upload.problem.params }], upload.problem.status);
  // The form has no other field: the zip is all there is to read.
  const zip = upload.file;
  if (!zip) return fail([{ file: "", code: "zipEmpty" }]);
  const result = await importPhotoZip(Buffer.from(zip.bytes.buffer, zip.bytes.byteOffset, zip.bytes.byteLength), user.id);
  if (!result.ok) return fail(result.problems);
  throw redirect(`/admin/products/photos?added=${result.added}&products=${result.products}`);
}

export default function BulkPhotos() {
  const { t } = useTranslation("admin");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const added = params.get("added");
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("photos.bulkTitle")}</h1>
        <Link to="/admin/products" className="text-sm text-brand-700 underline">{t("common.back")}</Link>
      </div>
      {added ? <Notice>{t("photos.done.bulk", { added, products: params.get("products") ?? "0" })}</Notice> : null}
      <PhotoProblems problems={actionData?.problems} />
      <Form method="post" encType="multipart/form-data" className="space-y-3 rounded border border-stone-300 bg-white p-4">
        <p id="zip-hint" className="text-sm text-stone-700">{t("photos.bulkHint")}</p>
        <label className="block text-sm font-medium" htmlFor="zip">{t("photos.bulkChoose")}</label>
        <input id="zip" name="zip" type="file" required accept=".zip,application/zip" aria-describedby="zip-hint" className="block text-sm" />
        <SubmitButton busy={navigation.state === "submitting"} busyLabel={t("photos.uploading")}>{t("photos.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
