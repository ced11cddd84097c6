import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice, SubmitButton } from "~/components/admin/form-fields";
import { PhotoProblems, type ShownPhotoProblem } from "~/components/admin/photo-problems";
import { ProductPhoto } from "~/components/product-photo";
import { prisma } from "~/utils/db.server";
import {
  addProductPhotos,
  listProductPhotos,
  MAX_PHOTOS_PER_PRODUCT,
  maxPhotoBytes,
  movePhoto,
  removePhoto,
  type PhotoFile,
} from "~/models/product-photo.server";
import { requireAdmin } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { parseForm } from "~/utils/form";
import { refuse } from "~/utils/form.server";
import { idOr404 } from "~/utils/params";
import { PhotoButtonSchema } from "~/models/product-schema";
import { readUpload, type UploadedFile } from "~/utils/upload.server";
import { photoHashOf } from "~/utils/photo-url";
import type { WordingHandle } from "~/i18n";

export const handle: WordingHandle = { i18n: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.product.nameZh ?? ""} · 商品照片 · 管理后台` }];

async function productOr404(id: number) {
  const product = await prisma.product.findUnique({ where: { id }, select: { id: true, sku: true, slug: true, nameZh: true, nameEn: true } });
  if (!product) throw new Response("Not found", { status: 404 });
  return product;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const product = await productOr404(idOr404(params.id));
  const images = await listProductPhotos(product.id);
  return {
    product,
    photos: images.map((i) => ({ ...i, isPhoto: photoHashOf(i.url) !== null })),
    maxMb: getEnv().PHOTO_MAX_MB,
    maxPhotos: MAX_PHOTOS_PER_PRODUCT,
  };
}

const fail = (problems: ShownPhotoProblem[], status = 400) => data({ problems }, { status });
const asPhoto = (file: UploadedFile): PhotoFile => ({ name: file.name, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const product = await productOr404(idOr404(params.id));
  const done = (what: string) => redirect(`/admin/products/${product.id}/photos?done=${what}`);

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUpload(request, { maxFiles: MAX_PHOTOS_PER_PRODUCT, maxFileBytes: maxPhotoBytes() });
    if (!upload.ok) return fail([{ file: "", message: upload.problem.message, params: upload.problem.params }], upload.problem.status);
    const result = await addProductPhotos(product.id, upload.files.map(asPhoto), user.id);
    if (!result.ok) return fail(result.problems);
    throw done("added");
  }

  const submission = parseForm(await request.formData(), PhotoButtonSchema);
  if (submission.status !== "success") return refuse(submission);
  const { intent, imageId } = submission.value;
  if (intent === "remove") {
    await removePhoto(product.id, imageId, user.id);
    throw done("removed");
  }
  await movePhoto(product.id, imageId, intent, user.id);
  throw done("moved");
}

export default function ProductPhotos() {
  const { t, i18n } = useTranslation("admin");
  const { product, photos, maxMb, maxPhotos } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const busy = navigation.state === "submitting";
  const name = i18n.language === "en" && product.nameEn ? product.nameEn : product.nameZh;
  const realPhotos = photos.filter((p) => p.isPhoto);

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("photos.title", { name })}</h1>
        <Link to={`/admin/products/${product.id}`} className="text-sm text-brand-700 underline">{t("common.back")}</Link>
      </div>
      {done ? <Notice>{t(`photos.done.${done}`)}</Notice> : null}
      <PhotoProblems problems={actionData && "problems" in actionData ? actionData.problems : undefined} />

      <Form method="post" encType="multipart/form-data" className="space-y-3 rounded border border-stone-300 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("photos.upload")}</h2>
        <p id="photo-hint" className="text-sm text-stone-700">{t("photos.hint", { mb: maxMb, max: maxPhotos })}</p>
        <label className="block text-sm font-medium" htmlFor="photos">{t("photos.choose")}</label>
        <input
          id="photos"
          name="photos"
          type="file"
          multiple
          required
          accept="image/jpeg,image/png,image/webp,image/avif"
          aria-describedby="photo-hint"
          className="block text-sm"
        />
        <SubmitButton busy={busy} busyLabel={t("photos.uploading")}>{t("photos.submit")}</SubmitButton>
      </Form>

      <div className="rounded border border-stone-300 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("photos.current")}</h2>
        {realPhotos.length === 0 ? <p className="mt-2 text-sm text-stone-700">{t("photos.none")}</p> : null}
        <ol className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label={t("photos.current")}>
          {realPhotos.map((photo, i) => (
            <li key={photo.id} className="space-y-2" data-testid="admin-photo">
              <ProductPhoto url={photo.url} alt={t("photos.alt", { n: i + 1, name })} sizes="200px" className="aspect-square w-full rounded bg-stone-100 object-cover" />
              <p className="text-sm font-medium">{i === 0 ? t("photos.main") : t("photos.number", { n: i + 1 })}</p>
              <Form method="post" className="flex flex-wrap gap-1 text-sm">
                <input type="hidden" name="imageId" value={photo.id} />
                {i > 0 ? (
                  <>
                    <button name="intent" value="main" className="rounded border border-stone-400 px-2 py-1">{t("photos.makeMain")}</button>
                    <button name="intent" value="up" className="rounded border border-stone-400 px-2 py-1" aria-label={t("photos.moveUp", { n: i + 1 })}>↑</button>
                  </>
                ) : null}
                {i < realPhotos.length - 1 ? (
                  <button name="intent" value="down" className="rounded border border-stone-400 px-2 py-1" aria-label={t("photos.moveDown", { n: i + 1 })}>↓</button>
                ) : null}
                <button name="intent" value="remove" className="rounded border border-red-700 px-2 py-1 text-red-800">{t("photos.remove")}</button>
              </Form>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
