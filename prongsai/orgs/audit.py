"""The audit log: the one function every app calls to record who did what."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.clients import client_address
from prongsai.orgs.models import AuditEvent, Organization

# Thai names of the recorded actions, for the staff pages; an unknown action shows as is.
ACTION_LABELS: dict[str, str] = {
    "login": _("เข้าสู่ระบบ"),
    "plan_imported": _("นำเข้ารายงานมาตรการ (O42/O43) จากไฟล์"),
    "logout": _("ออกจากระบบ"),
    "login_failed": _("เข้าสู่ระบบไม่สำเร็จ"),
    "lockout": _("ถูกระงับการเข้าสู่ระบบชั่วคราว"),
    "password_changed": _("เปลี่ยนรหัสผ่าน"),
    "otp_enabled": _("เปิดการยืนยันตัวตนสองขั้นตอน"),
    "otp_disabled": _("ปิดการยืนยันตัวตนสองขั้นตอน"),
    "otp_verified": _("ยืนยันรหัสขั้นที่สอง"),
    "otp_failed": _("รหัสขั้นที่สองไม่ถูกต้อง"),
    "member_added": _("เพิ่มบุคลากร"),
    "member_changed": _("แก้ไขบทบาท/สถานะบุคลากร"),
    "member_password_reset": _("ออกรหัสผ่านชั่วคราวให้บุคลากร"),
    "admin_add": _("เพิ่มข้อมูลผ่านหน้าผู้ดูแลระบบ"),
    "admin_change": _("แก้ไขข้อมูลผ่านหน้าผู้ดูแลระบบ"),
    "admin_delete": _("ลบข้อมูลผ่านหน้าผู้ดูแลระบบ"),
    "ita_report_exported": _("ส่งออกรายงานมาตรการ ITA (O42/O43) เป็นไฟล์"),
    "quarterly_report_made": _("จัดทำรายงานผู้บริหารรายไตรมาส"),
    "case_created": _("บันทึกเรื่องใหม่"),
    "case_assigned": _("มอบหมายเรื่อง"),
    "case_forwarded": _("ส่งต่อเรื่อง"),
    "case_replied": _("ตอบกลับผู้แจ้ง"),
    "case_noted": _("บันทึกภายในของเรื่อง"),
    "case_status_changed": _("เปลี่ยนสถานะเรื่อง"),
    "case_closed": _("ปิดเรื่อง"),
    "case_reclassified": _("เปลี่ยนประเภทเรื่อง"),
    "case_board_hidden": _("แสดง/ไม่แสดงเรื่องบนกระดานเรื่องสาธารณะ"),
    "case_policy_saved": _("แก้ไขเกณฑ์การติดตามเรื่องและกระดานเรื่องสาธารณะ"),
    "case_viewed": _("เปิดดูเรื่องร้องเรียนการทุจริต"),
    "booking_approved": _("อนุมัติการจอง"),
    "booking_refused": _("ไม่อนุมัติการจอง"),
    "budget_proposed": _("เสนอรายการตั้งงบประมาณ"),
    "budget_proposal_accepted": _("นำข้อเสนอตั้งงบประมาณเข้าคำของบประมาณ"),
    "budget_proposal_declined": _("ไม่นำข้อเสนอตั้งงบประมาณเข้าคำของบประมาณ"),
    "budget_overdue_flagged": _("แจ้งผู้บริหาร: คำถามเรื่องงบประมาณของบุคลากรเกินกำหนด"),
    "property_item_created": _("เพิ่มทรัพย์สินที่ให้ยืมในทะเบียน"),
    "property_item_changed": _("แก้ไขทรัพย์สินที่ให้ยืมในทะเบียน"),
    "property_item_retired": _("งดให้ยืมทรัพย์สิน"),
    "property_item_reinstated": _("เปิดให้ยืมทรัพย์สินอีกครั้ง"),
    "loan_requested": _("ขอยืมทรัพย์สินของราชการ"),
    "loan_approved": _("อนุมัติการยืมทรัพย์สิน"),
    "loan_rejected": _("ไม่อนุมัติการยืมทรัพย์สิน"),
    "loan_returned": _("บันทึกการคืนทรัพย์สิน"),
    "gift_policy_saved": _("บันทึกนโยบายไม่รับของขวัญ (No Gift)"),
    "gift_declared": _("แจ้งการรับของขวัญ/ประโยชน์"),
    "gift_summary_exported": _("ส่งออกสรุปการรับของขวัญประจำปี"),
    "open311_key_issued": _("ออกคีย์ Open311"),
    "open311_key_revoked": _("เพิกถอนคีย์ Open311"),
    "open311_request_filed": _("รับเรื่องผ่าน Open311"),
    "service_created": _("เพิ่มบริการ"),
    "service_changed": _("แก้ไขบริการ"),
    "resource_created": _("เพิ่มทรัพย์สินที่จองได้"),
    "resource_changed": _("แก้ไขทรัพย์สินที่จองได้"),
    "line_configured": _("ตั้งค่า LINE Official Account"),
    "site_settings_changed": _("แก้ไขข้อมูลเว็บไซต์ของหน่วยงาน"),
    "api_token_created": _("สร้างโทเค็น API"),
    "api_token_revoked": _("ยกเลิกโทเค็น API"),
    "chat_taken": _("รับแชทสด"),
    "chat_closed": _("จบการสนทนาแชทสด"),
    "chat_converted": _("บันทึกแชทสดเป็นเรื่องร้องเรียน"),
    "chat_hours_changed": _("แก้ไขเวลาทำการของแชทสด"),
    "board_settings_changed": _("เปลี่ยนวิธีตรวจสอบข้อความบนเว็บบอร์ดและกระดานถาม-ตอบ"),
    "board_topic_published": _("อนุมัติ/แสดงกระทู้บนเว็บบอร์ด"),
    "board_topic_hidden": _("ซ่อนกระทู้บนเว็บบอร์ด"),
    "board_reply_published": _("อนุมัติ/แสดงความเห็นบนเว็บบอร์ด"),
    "board_reply_hidden": _("ซ่อนความเห็นบนเว็บบอร์ด"),
    "board_official_reply": _("ตอบกระทู้ในนามหน่วยงาน"),
    "board_topic_to_case": _("รับกระทู้เป็นเรื่อง"),
    "board_reports_dismissed": _("ปิดรายงานข้อความไม่เหมาะสม (คงข้อความไว้)"),
    "qa_question_published": _("อนุมัติ/แสดงคำถามบนกระดานถาม-ตอบ"),
    "qa_question_hidden": _("ซ่อนคำถามบนกระดานถาม-ตอบ"),
    "qa_faq_changed": _("กำหนดคำถามที่พบบ่อย (FAQ)"),
    "itas_link_created": _("เพิ่มลิงก์แบบวัด ITA (ITAS) ของปีงบประมาณ"),
    "itas_link_changed": _("แก้ไขลิงก์แบบวัด ITA (ITAS) หรือช่วงเวลาเชิญตอบ"),
    "survey_created": _("สร้างแบบสำรวจ"),
    "survey_changed": _("แก้ไขการตั้งค่าแบบสำรวจ"),
    "survey_opened": _("เปิดรับคำตอบแบบสำรวจ"),
    "survey_closed": _("ปิดรับคำตอบแบบสำรวจ"),
    "survey_question_added": _("เพิ่มคำถามในแบบสำรวจ"),
    "survey_question_changed": _("แก้ไขคำถามในแบบสำรวจ"),
    "survey_question_deleted": _("ลบคำถามในแบบสำรวจ"),
    "survey_question_moved": _("เลื่อนลำดับคำถามในแบบสำรวจ"),
    "survey_exported": _("ส่งออกคำตอบแบบสำรวจ"),
    "project_created": _("เพิ่มโครงการมีส่วนร่วม"),
    "project_changed": _("แก้ไขโครงการมีส่วนร่วม"),
    "project_photos_added": _("เพิ่มภาพกิจกรรมของโครงการ"),
    "project_photos_changed": _("แก้ไขคำบรรยาย/ลำดับภาพกิจกรรมของโครงการ"),
    "project_photo_removed": _("ลบภาพกิจกรรมของโครงการ"),
    "village_created": _("เพิ่มหมู่บ้าน"),
    "village_changed": _("แก้ไขหมู่บ้าน"),
    "ita_scores_saved": _("บันทึกคะแนนผลการประเมิน ITA"),
    "ita_scores_imported": _("นำเข้าคะแนนผลการประเมิน ITA จากไฟล์ CSV"),
    "ita_measure_adopted": _("รับมาตรการที่แนะนำจากการวิเคราะห์ผล ITA เข้าแผนปีถัดไป"),
    "ita_plan_created": _("สร้างแผนมาตรการ ITA ของปีงบประมาณ"),
    "ita_plan_changed": _("แก้ไขบทนำของแผนมาตรการ ITA"),
    "ita_plan_published": _("เปลี่ยนการเผยแพร่แผน (O42) หรือผลการดำเนินการ (O43)"),
    "ita_plan_copied": _("คัดลอกแผนมาตรการ ITA ไปปีงบประมาณถัดไป"),
    "ita_measure_created": _("เพิ่มมาตรการในแผน ITA"),
    "ita_measure_changed": _("แก้ไขมาตรการในแผน ITA"),
    "ita_measure_deleted": _("ลบมาตรการในแผน ITA"),
    "ita_measure_moved": _("เลื่อนลำดับมาตรการในแผน ITA"),
    "ita_step_added": _("เพิ่มวิธีการดำเนินการของมาตรการ"),
    "ita_step_changed": _("แก้ไขวิธีการดำเนินการ/ผลการดำเนินการของมาตรการ"),
    "ita_step_deleted": _("ลบวิธีการดำเนินการของมาตรการ"),
    "ita_step_moved": _("เลื่อนลำดับวิธีการดำเนินการของมาตรการ"),
    "ita_evidence_added": _("แนบหลักฐานการดำเนินการตามมาตรการ"),
    "ita_evidence_removed": _("ลบหลักฐานการดำเนินการตามมาตรการ"),
    "oit_evidence_added": _("เพิ่มหลักฐานของข้อ OIT (ไฟล์ ลิงก์ หรือหน้าเว็บ)"),
    "oit_evidence_moved": _("เลื่อนลำดับหลักฐานของข้อ OIT"),
    "oit_evidence_removed": _("ลบหลักฐานของข้อ OIT"),
    "circular_sent": _("ส่งหนังสือเวียนถึงบุคลากร"),
    "circular_acknowledged": _("รับทราบหนังสือเวียน"),
    "meeting_created": _("บันทึกการประชุมบุคลากร"),
    "meeting_changed": _("แก้ไขบันทึกการประชุมบุคลากร"),
    "training_created": _("บันทึกการฝึกอบรม"),
    "training_changed": _("แก้ไขข้อมูลการฝึกอบรม"),
    "km_article_created": _("เขียนบทความการจัดการความรู้ (KM)"),
    "km_article_changed": _("แก้ไขบทความการจัดการความรู้ (KM)"),
    "news_created": _("เพิ่มข่าว/ประกาศบนเว็บไซต์"),
    "news_changed": _("แก้ไขข่าว/ประกาศบนเว็บไซต์"),
    "news_published": _("เผยแพร่ข่าว/ประกาศ"),
    "news_scheduled": _("ตั้งเวลาเผยแพร่ข่าว/ประกาศ"),
    "news_unpublished": _("ยกเลิกการเผยแพร่ข่าว/ประกาศ"),
    "news_deleted": _("ลบข่าว/ประกาศ"),
    "page_created": _("เพิ่มหน้าเว็บของหน่วยงาน"),
    "page_changed": _("แก้ไขหน้าเว็บของหน่วยงาน"),
    "page_deleted": _("ลบหน้าเว็บของหน่วยงาน"),
}


def record(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: Any = None,
    org: Organization | None = None,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Actor, org and address default to those of the request.

    Call it inside the same transaction as the change it records, so that a
    change that rolls back leaves no trace claiming it happened.
    """
    if request is not None:
        user = getattr(request, "user", None)
        if actor is None and user is not None and user.is_authenticated:
            actor = user
        if org is None:
            org = getattr(request, "org", None)
    if org is None and target is not None:
        org = getattr(target, "org", None) if not isinstance(target, Organization) else target
    event = AuditEvent(
        org=org,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor.get_username() if actor is not None else "",
        action=action,
        detail=detail or {},
    )
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:200]
    if request is not None:
        event.ip_address = client_address(request)
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    event.save()
    return event
