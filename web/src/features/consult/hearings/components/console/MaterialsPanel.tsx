import { UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Upload } from 'antd';
import { errorMessage } from '../../../../../shared/http';
import { useRemoveMaterial, useUploadMaterial } from '../../queries';
import { MAX_MATERIAL_BYTES, type HearingDetail } from '../../types';

const ACCEPT = '.pdf,.doc,.docx,.jpg,.jpeg,.png,.webp';

const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('读取文件失败'));
    reader.readAsDataURL(file);
  });

export const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** 会议材料: PDF, Word and images; the server checks each file's bytes, not its name alone. */
export function MaterialsPanel({ hearing }: { hearing: HearingDetail }) {
  const { message } = App.useApp();
  const upload = useUploadMaterial(hearing.id);
  const remove = useRemoveMaterial(hearing.id);
  const editable = hearing.allowedActions.includes('manageMaterials');

  const send = async (file: File) => {
    if (file.size > MAX_MATERIAL_BYTES) {
      void message.error('文件不能超过 10MB');
      return;
    }
    upload.mutate(
      { name: file.name, dataBase64: await base64Of(file) },
      { onSuccess: () => void message.success(`已上传 ${file.name}`), onError: (error) => void message.error(errorMessage(error)) },
    );
  };

  return (
    <section className="console-panel" aria-labelledby="materials-title">
      <h2 id="materials-title">会议材料</h2>
      <List
        dataSource={hearing.materials}
        locale={{ emptyText: '还没有上传材料' }}
        renderItem={(material) => (
          <List.Item
            actions={
              editable
                ? [
                    <Button key="remove" size="small" danger loading={remove.isPending} onClick={() => remove.mutate(material.id)}>
                      删除
                    </Button>,
                  ]
                : []
            }
          >
            <a href={material.url}>{material.name}</a>（{fileSize(material.size)}）
          </List.Item>
        )}
      />
      {editable ? (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            上传材料（PDF、Word、图片，单个不超过 10MB）
          </Button>
        </Upload>
      ) : null}
    </section>
  );
}
